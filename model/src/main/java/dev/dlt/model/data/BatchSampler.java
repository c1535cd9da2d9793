package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.util.SplittableRandom;

/**
 * Training batches as a pure function of the step: the batch for step n is B random contiguous blocks of
 * T+1 tokens, their offsets drawn from a generator seeded by (seed, n) alone. Any step can be rebuilt at any
 * time, in any order, so resuming at step s0 replays exactly the batches an uninterrupted run would have
 * seen. Immutable and thread-safe.
 */
public record BatchSampler(TokenSequence tokens, int batchSize, int seqLen, long seed) {

    public BatchSampler {
        if (batchSize < 1) throw new UserInputException("batch size must be at least 1, got " + batchSize);
        if (seqLen < 1) throw new UserInputException("sequence length must be at least 1, got " + seqLen);
        requireBlock(tokens, seqLen);
    }

    /** Fails unless {@code tokens} holds at least one block of {@code seqLen + 1} tokens. */
    static void requireBlock(TokenSequence tokens, int seqLen) {
        if (tokens.size() < seqLen + 1L) {
            throw new UserInputException(tokens.describe() + " has " + tokens.size()
                    + " tokens, fewer than one block of sequence length + 1 = " + (seqLen + 1L));
        }
    }

    /** Fails unless sequences of {@code seqLen} tokens fit the model's context of {@code blockSize}. */
    public static void requireFits(int seqLen, int blockSize) {
        if (seqLen < 1 || seqLen > blockSize) {
            throw new UserInputException("sequence length " + seqLen + " must be in [1, " + blockSize
                    + "] (the model's block size)");
        }
    }

    /** The batch of training step {@code step} (≥ 0). */
    public Batch batch(long step) {
        if (step < 0) throw new IllegalArgumentException("step " + step + " < 0");
        SplittableRandom rng = new SplittableRandom(mix(seed, step));
        long starts = tokens.size() - seqLen; // offsets 0 .. size-T-1 leave room for the T+1-th token
        int[] x = new int[batchSize * seqLen];
        int[] y = new int[batchSize * seqLen];
        for (int r = 0; r < batchSize; r++) {
            long off = rng.nextLong(starts);
            for (int t = 0; t < seqLen; t++) {
                x[r * seqLen + t] = tokens.get(off + t);
                y[r * seqLen + t] = tokens.get(off + t + 1);
            }
        }
        return new Batch(step, batchSize, seqLen, x, y);
    }

    /** A well-spread 64-bit seed from (seed, step): nearby steps give unrelated streams. */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
