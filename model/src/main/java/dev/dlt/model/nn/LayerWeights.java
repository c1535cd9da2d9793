package dev.dlt.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The twelve tensors of one transformer block, in PyTorch {@code Linear} layout (out, in).
 *
 * <p>Ownership: the arrays belong to the {@link NDManager} passed to {@link #init} or {@link #copy};
 * {@link #close()} frees them. A tied layer does not hold a {@code LayerWeights} of its own — it reads its
 * root's, so tying costs no memory.
 */
public record LayerWeights(NDArray ln1Gamma, NDArray ln1Beta, NDArray attnW, NDArray attnB,
                           NDArray attnProjW, NDArray attnProjB, NDArray ln2Gamma, NDArray ln2Beta,
                           NDArray fcW, NDArray fcB, NDArray mlpProjW, NDArray mlpProjB) implements AutoCloseable {

    /** GPT-2's parameter names within block {@code h.i}, in {@link #tensors()} order. */
    public static final List<String> NAMES = List.of(
            "ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias",
            "attn.c_proj.weight", "attn.c_proj.bias", "ln_2.weight", "ln_2.bias",
            "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias");

    /**
     * GPT-2 initialisation: N(0, 0.02) for matrices, residual projections scaled by 1/sqrt(2L), zero
     * biases, unit LayerNorm gains. Draws from PyTorch's global generator, so seed it first.
     */
    public static LayerWeights init(NDManager m, GptConfig c) {
        long w = c.width();
        long hidden = GptConfig.MLP_RATIO * w;
        float std = GptConfig.INIT_STD;
        float residualStd = (float) (std / Math.sqrt(2.0 * c.layers()));
        return new LayerWeights(
                m.ones(new Shape(w)), m.zeros(new Shape(w)),
                normal(m, std, 3 * w, w), m.zeros(new Shape(3 * w)),
                normal(m, residualStd, w, w), m.zeros(new Shape(w)),
                m.ones(new Shape(w)), m.zeros(new Shape(w)),
                normal(m, std, hidden, w), m.zeros(new Shape(hidden)),
                normal(m, residualStd, w, hidden), m.zeros(new Shape(w)))
                .trainable();
    }

    private static NDArray normal(NDManager m, float std, long rows, long cols) {
        return m.randomNormal(0f, std, new Shape(rows, cols), DataType.FLOAT32);
    }

    /** Builds from tensors in {@link #NAMES} order (used by checkpoints and copies). */
    public static LayerWeights of(List<NDArray> t) {
        if (t.size() != NAMES.size()) {
            throw new IllegalArgumentException("a layer has " + NAMES.size() + " tensors, got " + t.size());
        }
        return new LayerWeights(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(5),
                t.get(6), t.get(7), t.get(8), t.get(9), t.get(10), t.get(11));
    }

    public List<NDArray> tensors() {
        return List.of(ln1Gamma, ln1Beta, attnW, attnB, attnProjW, attnProjB,
                ln2Gamma, ln2Beta, fcW, fcB, mlpProjW, mlpProjB);
    }

    /** An independent copy of the current values, owned by {@code m}, with gradients attached. */
    public LayerWeights copy(NDManager m) {
        List<NDArray> out = new ArrayList<>(NAMES.size());
        for (NDArray t : tensors()) {
            NDArray c = t.duplicate();
            c.attach(m);
            out.add(c);
        }
        return of(out).trainable();
    }

    /**
     * Views of the same storage that do not take gradients: how a tied layer computes in
     * {@link dev.dlt.model.tie.GradientMode#FROZEN}. The views belong to {@code step}.
     */
    public LayerWeights detached(NDManager step) {
        List<NDArray> out = new ArrayList<>(NAMES.size());
        for (NDArray t : tensors()) {
            NDArray d = t.stopGradient();
            d.attach(step);
            out.add(d);
        }
        return of(out);
    }

    /** Whether weight decay applies to tensor k (only the four matrices). */
    public static boolean decays(int k) {
        return NAMES.get(k).endsWith("weight") && !NAMES.get(k).startsWith("ln_");
    }

    private LayerWeights trainable() {
        for (NDArray t : tensors()) {
            t.setRequiresGradient(true);
        }
        return this;
    }

    @Override
    public void close() {
        for (NDArray t : tensors()) {
            t.close();
        }
    }
}
