package dev.dlt.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.dlt.model.engine.Autograd;

/**
 * Dropout whose mask depends only on a key (seed, step, layer, site, batch row), never on which thread runs
 * first or how the batch is split. PyTorch's generator is global to the process, so each row's draw is
 * serialised and the generator re-seeded with the row's key just before it: the local trainer (one whole
 * batch) and the actor runtime (micro-batches on several threads) draw identical masks.
 */
public final class Dropout {

    private static final Object GENERATOR_LOCK = new Object();

    /** Sites within a step; part of the key. */
    public enum Site { EMBEDDING, ATTENTION_WEIGHTS, ATTENTION_OUT, MLP_OUT }

    private Dropout() {}

    /**
     * The dropout key of a slice of a step's batch.
     *
     * @param step     the step's key ({@link #stepKey})
     * @param firstRow the batch row the slice starts at (0 for a whole batch, the micro-batch's offset)
     */
    public record Key(long step, int firstRow) {
        public Key {
            if (firstRow < 0) {
                throw new IllegalArgumentException("first row must be >= 0, got " + firstRow);
            }
        }

        /** A whole batch's key. */
        public static Key of(long step) {
            return new Key(step, 0);
        }
    }

    /**
     * Applies dropout with probability {@code p} when training; returns {@code x} itself otherwise. Dimension
     * 0 of {@code x} is the batch row: row r is masked with the key of row {@code key.firstRow() + r}.
     */
    public static NDArray apply(NDArray x, double p, boolean training, Key key, int layer, Site site) {
        if (!training || p == 0) {
            return x;
        }
        long siteKey = mix(mix(key.step(), layer + 1L), site.ordinal() + 1L);
        int rows = (int) x.getShape().get(0);
        NDList parts = rows == 1 ? new NDList(x) : x.split(rows, 0);
        NDList masked = new NDList(rows);
        synchronized (GENERATOR_LOCK) {
            for (int r = 0; r < rows; r++) {
                Autograd.seed(mix(siteKey, key.firstRow() + r + 1L) & Long.MAX_VALUE);
                NDArray part = parts.get(r);
                masked.add(part.getNDArrayInternal().dropout(part, (float) p, true).singletonOrThrow());
            }
        }
        return rows == 1 ? masked.singletonOrThrow() : NDArrays.concat(masked, 0);
    }

    /** The key of one training step of one run. */
    public static long stepKey(long seed, long step) {
        return mix(seed, step);
    }

    /** SplitMix64-style mixing, so nearby inputs give unrelated keys. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
