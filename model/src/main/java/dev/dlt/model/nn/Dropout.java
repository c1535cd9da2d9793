package dev.dlt.model.nn;

import ai.djl.ndarray.NDArray;
import dev.dlt.model.engine.Autograd;

/**
 * Dropout whose mask depends only on a key (seed, step, layer, site), never on which thread runs first.
 * PyTorch's generator is global to the process, so the draw is serialised and the generator re-seeded
 * with the key just before it: the local trainer and the actor runtime draw identical masks.
 */
public final class Dropout {

    private static final Object GENERATOR_LOCK = new Object();

    /** Sites within a step; part of the key. */
    public enum Site { EMBEDDING, ATTENTION_WEIGHTS, ATTENTION_OUT, MLP_OUT }

    private Dropout() {}

    /** Applies dropout with probability {@code p} when training; returns {@code x} itself otherwise. */
    public static NDArray apply(NDArray x, double p, boolean training, long stepKey, int layer, Site site) {
        if (!training || p == 0) {
            return x;
        }
        long key = mix(mix(stepKey, layer + 1L), site.ordinal() + 1L);
        synchronized (GENERATOR_LOCK) {
            Autograd.seed(key & Long.MAX_VALUE);
            return x.getNDArrayInternal().dropout(x, (float) p, true).singletonOrThrow();
        }
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
