package dev.dlt.model.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Evaluation batches over a split: non-overlapping contiguous blocks, block k having inputs
 * {@code [kT, kT+T)} and targets {@code [kT+1, kT+T+1)}, so every token after the first is predicted once.
 * Rows fill batches of B in order; the last batch may have fewer rows; the final fewer-than-T tokens are
 * left out. {@code maxBatches} ≤ 0 means the whole split. Immutable; each iterator is independent.
 */
public record EvalBatches(TokenSequence tokens, int batchSize, int seqLen, long maxBatches) implements Iterable<Batch> {

    public EvalBatches {
        if (batchSize < 1 || seqLen < 1) {
            throw new IllegalArgumentException("shape (" + batchSize + ", " + seqLen + ")");
        }
        BatchSampler.requireBlock(tokens, seqLen);
    }

    /** Number of blocks (rows) evaluated. */
    public long blocks() {
        long all = (tokens.size() - 1) / seqLen;
        return maxBatches <= 0 ? all : Math.min(all, maxBatches * batchSize);
    }

    /** Number of batches the iterator yields. */
    public long batches() {
        return (blocks() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<Batch> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < batches();
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                return batch(next++);
            }
        };
    }

    /** Batch {@code index} in {@code [0, batches())}. */
    public Batch batch(long index) {
        long first = index * batchSize;
        int rows = (int) Math.min(batchSize, blocks() - first);
        int[] x = new int[rows * seqLen];
        int[] y = new int[rows * seqLen];
        for (int r = 0; r < rows; r++) {
            long off = (first + r) * seqLen;
            for (int t = 0; t < seqLen; t++) {
                x[r * seqLen + t] = tokens.get(off + t);
                y[r * seqLen + t] = tokens.get(off + t + 1);
            }
        }
        return new Batch(index, rows, seqLen, x, y);
    }
}
