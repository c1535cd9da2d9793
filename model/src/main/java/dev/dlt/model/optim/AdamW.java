package dev.dlt.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Param;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov &amp; Hutter) with decoupled weight decay, as in PyTorch. Unlike DJL's optimizers its
 * moments are reachable, because untying a layer copies its root's moments.
 *
 * <p>State is keyed by the identity of the parameter array, so a tensor shared by several layers is
 * updated once per step however many layers use it. Ownership: the moments belong to the manager given
 * to the constructor; {@link #forget} frees one parameter's. Runs with grad mode off, on the thread that
 * owns the parameters, outside any step scope.
 */
public final class AdamW {

    /** The optimizer's constants. */
    public record Settings(double beta1, double beta2, double eps, double weightDecay) {
        public Settings {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("AdamW betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(eps > 0) || weightDecay < 0) {
                throw new IllegalArgumentException("AdamW needs eps > 0 and weight decay >= 0");
            }
        }

        /** PyTorch's defaults with the paper's weight decay of 0.01. */
        public static Settings defaults() {
            return new Settings(0.9, 0.999, 1e-8, 0.01);
        }
    }

    /** First and second moments of one parameter. */
    public record Moments(NDArray m, NDArray v) {}

    private final Settings settings;
    private final NDManager manager;
    private final Map<NDArray, Moments> state = new IdentityHashMap<>();
    private long step;

    public AdamW(Settings settings, NDManager manager) {
        this.settings = settings;
        this.manager = manager;
    }

    /**
     * One update of every parameter from its accumulated gradient times {@code gradScale} (the clipping
     * factor), then resets the gradients to zero.
     */
    public void step(List<Param> params, double lr, double gradScale) {
        step++;
        double bc1 = 1 - Math.pow(settings.beta1(), step);
        double bc2 = 1 - Math.pow(settings.beta2(), step);
        boolean grad = Autograd.isGradMode();
        Autograd.gradMode(false);
        try {
            for (Param p : params) {
                update(p, lr, gradScale, bc1, bc2);
            }
        } finally {
            Autograd.gradMode(grad);
        }
    }

    private void update(Param p, double lr, double gradScale, double bc1, double bc2) {
        NDArray w = p.array();
        Moments s = state.computeIfAbsent(w, this::zeros);
        // Temporaries land in the manager of their first operand: attach everything to a scratch manager.
        try (NDManager scratch = manager.newSubManager()) {
            NDArray g = w.getGradient();
            g.attach(scratch);
            NDArray m = s.m();
            NDArray v = s.v();
            m.tempAttach(scratch);
            v.tempAttach(scratch);
            NDArray gs = gradScale == 1.0 ? g : g.mul((float) gradScale);
            m.muli((float) settings.beta1()).addi(gs.mul((float) (1 - settings.beta1())));
            v.muli((float) settings.beta2()).addi(gs.square().muli((float) (1 - settings.beta2())));
            if (p.decay() && settings.weightDecay() > 0) {
                w.muli((float) (1 - lr * settings.weightDecay()));
            }
            NDArray denom = v.div((float) bc2).sqrt().addi((float) settings.eps());
            w.subi(m.div(denom).muli((float) (lr / bc1)));
            Autograd.zeroGradient(w);
        }
    }

    private Moments zeros(NDArray w) {
        NDArray m = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        NDArray v = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        return new Moments(m, v);
    }

    /** Gives {@code to} a copy of {@code from}'s moments (zeros if {@code from} has none yet). */
    public void copyState(NDArray from, NDArray to) {
        forget(to);
        Moments s = state.get(from);
        if (s != null) {
            NDArray m = s.m().duplicate();
            NDArray v = s.v().duplicate();
            m.attach(manager);
            v.attach(manager);
            state.put(to, new Moments(m, v));
        }
    }

    /** Frees the moments of a parameter that no longer exists. */
    public void forget(NDArray param) {
        Moments s = state.remove(param);
        if (s != null) {
            s.m().close();
            s.v().close();
        }
    }

    /** The moments of a parameter, or null before its first update. Owned by this optimizer. */
    public Moments moments(NDArray param) {
        return state.get(param);
    }

    /** Sets the moments of a parameter (from a checkpoint); takes ownership of the arrays. */
    public void restore(NDArray param, NDArray m, NDArray v, long stepCount) {
        forget(param);
        m.attach(manager);
        v.attach(manager);
        state.put(param, new Moments(m, v));
        this.step = stepCount;
    }

    /** Updates taken so far (the bias-correction counter). */
    public long stepCount() {
        return step;
    }

    /** Bytes of optimizer state held now. */
    public long stateBytes() {
        long bytes = 0;
        for (Moments s : state.values()) {
            bytes += s.m().size() * s.m().getDataType().getNumOfBytes() * 2;
        }
        return bytes;
    }

    public Settings settings() {
        return settings;
    }
}
