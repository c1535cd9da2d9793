package dev.dlt.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;

/**
 * The tensor functions a GPT-2 block is made of, engine-neutral (DJL's {@code NDArrayEx}).
 *
 * <p>Every result belongs to the manager of the first operand, so callers pass activations first and
 * weights second: within a step, all intermediates land in the step's manager and are freed with it.
 */
public final class Ops {

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);

    private Ops() {}

    /** {@code x W^T + b} with W in (out, in) layout; b may be null. */
    public static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }

    /** LayerNorm over the last axis. */
    public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        Shape last = new Shape(x.getShape().get(x.getShape().dimension() - 1));
        return x.getNDArrayInternal().layerNorm(x, last, gamma, beta, GptConfig.LAYER_NORM_EPS).singletonOrThrow();
    }

    /** Rows of {@code table} picked by integer {@code ids}: (..., ) → (..., C). */
    public static NDArray embedding(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, ai.djl.ndarray.types.SparseFormat.DENSE)
                .singletonOrThrow();
    }

    /** GPT-2's GELU, the tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
    public static NDArray geluTanh(NDArray x) {
        NDArray inner = x.mul(x).mul(x).mul(scalar(x, 0.044715f)).add(x).mul(scalar(x, SQRT_2_OVER_PI));
        return inner.tanh().add(scalar(x, 1f)).mul(x).mul(scalar(x, 0.5f));
    }

    /**
     * {@code value} as a 0-d tensor in native memory of {@code like}'s manager, type and device: the operand
     * for a scalar in a recorded graph. DJL's {@code mul(Number)} wraps the number in a tensor over a Java
     * direct buffer and closes it after the op, but autograd keeps that tensor for backward; once the
     * buffer is garbage-collected, backward reads freed memory (NaN gradients under GC pressure).
     */
    public static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType(), like.getDevice());
    }

    /** Mean cross-entropy of (B, T, V) logits against (B, T) int64 targets; a scalar. */
    public static NDArray crossEntropy(NDArray logits, NDArray targets) {
        NDArray logp = logits.logSoftmax(-1);
        NDArray picked = logp.gather(targets.expandDims(-1), -1);
        return picked.mean().neg();
    }
}
