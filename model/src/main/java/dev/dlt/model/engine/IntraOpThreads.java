package dev.dlt.model.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * How many threads PyTorch uses inside one operator (a matmul, a softmax) started from the calling thread.
 *
 * <p>PyTorch's CPU kernels run on OpenMP, and an OpenMP thread team belongs to the thread that starts it: a
 * pipeline stage's own thread gets its own team. PyTorch reads its thread count per calling thread, so a
 * stage can run its operators on one core while the local trainer's thread keeps the default (all
 * cores). Set it on the stage's thread before its first operator. No effect on GPU kernels.
 */
public final class IntraOpThreads {

    private IntraOpThreads() {}

    /** Sets the calling thread's intra-op thread count. */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, got " + threads);
        }
        JniUtils.setNumThreads(threads);
    }

    /** The calling thread's intra-op thread count. */
    public static int get() {
        return JniUtils.getNumThreads();
    }
}
