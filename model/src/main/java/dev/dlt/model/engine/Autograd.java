package dev.dlt.model.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine-specific part of training: PyTorch grad mode and backward, driven directly instead of
 * through DJL's {@code GradientCollector} (which is one per JVM, so two actors could not each hold one).
 *
 * <p>Grad mode in PyTorch is per thread and a new thread starts with it on: every thread that runs
 * a forward pass sets it explicitly through {@link #gradMode(boolean)}.
 */
public final class Autograd {

    private Autograd() {}

    /** Turns recording of the autograd graph on or off for the calling thread. */
    public static void gradMode(boolean on) {
        JniUtils.setGradMode(on);
    }

    public static boolean isGradMode() {
        return JniUtils.isGradMode();
    }

    /**
     * Accumulates into every leaf's gradient the vector-Jacobian product of {@code output} with
     * {@code upstream} (for a scalar loss, pass ones). Frees the graph.
     */
    public static void backward(NDArray output, NDArray upstream) {
        JniUtils.backward((PtNDArray) output, (PtNDArray) upstream, false, false);
    }

    /** Backward from a scalar loss. */
    public static void backward(NDArray scalarLoss) {
        try (NDArray one = scalarLoss.onesLike()) {
            backward(scalarLoss, one);
        }
    }

    /** Resets the accumulated gradient of a leaf to zero. */
    public static void zeroGradient(NDArray leaf) {
        JniUtils.zeroGrad((PtNDArray) leaf);
    }

    /** Seeds PyTorch's global generator (weight init, dropout). */
    public static void seed(long seed) {
        JniUtils.setSeed(seed);
    }
}
