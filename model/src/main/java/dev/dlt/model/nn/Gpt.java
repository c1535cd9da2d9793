package dev.dlt.model.nn;

import ai.djl.ndarray.NDArray;
import dev.dlt.model.memory.ActivationMeter;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A GPT-2-style decoder whose layers can be tied: layer i computes with the weights of
 * {@code ties().root(i)}. Token and position embeddings, pre-LN blocks, final LayerNorm, LM head tied to
 * the token embedding.
 *
 * <p>Ownership: every parameter belongs to the manager given to {@link #create}; only roots hold
 * {@link LayerWeights}. Tying a root releases its weights at once, untying allocates a copy. Not
 * thread-safe: one thread drives a model at a time, and changes ties only between steps.
 */
public final class Gpt implements AutoCloseable {

    private final GptConfig config;
    private final GradientMode gradientMode;
    private final NDManager manager;
    private final NDArray wte;
    private final NDArray wpe;
    private final NDArray lnfGamma;
    private final NDArray lnfBeta;
    private final LayerWeights[] own;
    private final Map<Long, NDArray> masks = new HashMap<>();
    private TieMap ties;

    private Gpt(GptConfig config, GradientMode mode, NDManager manager, NDArray[] shared, LayerWeights[] own,
                TieMap ties) {
        this.config = config;
        this.gradientMode = mode;
        this.manager = manager;
        this.wte = shared[0];
        this.wpe = shared[1];
        this.lnfGamma = shared[2];
        this.lnfBeta = shared[3];
        this.own = own;
        this.ties = ties;
    }

    /**
     * A freshly initialised model. Every layer's weights are drawn in order from a generator seeded with
     * {@code seed}, then those of tied layers are dropped — so two runs with the same seed and different
     * tie patterns start their common roots from the same weights.
     */
    public static Gpt create(GptConfig c, TieMap ties, GradientMode mode, NDManager manager, long seed) {
        requireLayers(c, ties);
        boolean grad = Autograd.isGradMode();
        Autograd.gradMode(false);
        try {
            Autograd.seed(seed);
            NDArray[] shared = {
                manager.randomNormal(0f, GptConfig.INIT_STD, new Shape(c.vocabSize(), c.width()), DataType.FLOAT32),
                manager.randomNormal(0f, GptConfig.INIT_STD, new Shape(c.blockSize(), c.width()), DataType.FLOAT32),
                manager.ones(new Shape(c.width())), manager.zeros(new Shape(c.width()))};
            for (NDArray a : shared) {
                a.setRequiresGradient(true);
            }
            LayerWeights[] own = new LayerWeights[c.layers()];
            for (int i = 0; i < c.layers(); i++) {
                own[i] = LayerWeights.init(manager, c);
                if (!ties.isIndependent(i)) {
                    own[i].close();
                    own[i] = null;
                }
            }
            return new Gpt(c, mode, manager, shared, own, ties);
        } finally {
            Autograd.gradMode(grad);
        }
    }

    /** A model from existing tensors (a checkpoint): {@code layers[i]} is null exactly for tied layers. */
    public static Gpt of(GptConfig c, TieMap ties, GradientMode mode, NDManager manager,
                         NDArray wte, NDArray wpe, NDArray lnfGamma, NDArray lnfBeta, LayerWeights[] layers) {
        requireLayers(c, ties);
        for (int i = 0; i < c.layers(); i++) {
            if ((layers[i] != null) != ties.isIndependent(i)) {
                throw new IllegalArgumentException("layer " + i + ": weights must be present exactly for roots");
            }
        }
        NDArray[] shared = {wte, wpe, lnfGamma, lnfBeta};
        for (NDArray a : shared) {
            a.setRequiresGradient(true);
        }
        return new Gpt(c, mode, manager, shared, layers.clone(), ties);
    }

    private static void requireLayers(GptConfig c, TieMap ties) {
        if (ties.layers() != c.layers()) {
            throw new IllegalArgumentException("tie map has " + ties.layers() + " layers, model has " + c.layers());
        }
    }

    // ---- forward ------------------------------------------------------------------------------

    /**
     * Logits (B, T, V) of int64 token ids (B, T). The ids' manager owns the result and what backward needs;
     * each block's other intermediates are freed as it returns ({@link Scopes}).
     *
     * @param stepKey dropout key of this step ({@link Dropout#stepKey}); ignored when not training
     */
    public NDArray forward(NDArray ids, boolean training, long stepKey) {
        return head(blocks(ids, training, stepKey, null));
    }

    /** Mean next-token cross-entropy of (B, T) int64 inputs against (B, T) int64 targets: a scalar. */
    public NDArray loss(NDArray ids, NDArray targets, boolean training, long stepKey) {
        return loss(ids, targets, training, stepKey, null);
    }

    /** {@link #loss}, adding the bytes of the intermediates it frees on the way to {@code meter} (if not null). */
    public NDArray loss(NDArray ids, NDArray targets, boolean training, long stepKey, ActivationMeter meter) {
        return Scopes.freeIntermediates(blocks(ids, training, stepKey, meter), meter,
                x -> Ops.crossEntropy(head(x), targets));
    }

    private NDArray blocks(NDArray ids, boolean training, long stepKey, ActivationMeter meter) {
        NDArray x = embed(ids, training, stepKey);
        for (int i = 0; i < config.layers(); i++) {
            int layer = i;
            x = Scopes.freeIntermediates(x, meter, in -> block(layer, in, training, stepKey));
        }
        return x;
    }

    /** Token plus position embeddings, with dropout: (B, T) → (B, T, C). */
    public NDArray embed(NDArray ids, boolean training, long stepKey) {
        long t = ids.getShape().get(1);
        NDArray pos = ids.getManager().arange(0, (int) t, 1, DataType.INT64);
        NDArray x = Ops.embedding(ids, wte).add(Ops.embedding(pos, wpe));
        return Dropout.apply(x, config.dropout(), training, Dropout.Key.of(stepKey), -1, Dropout.Site.EMBEDDING);
    }

    /** Layer i on (B, T, C), computing with its root's weights. */
    public NDArray block(int i, NDArray x, boolean training, long stepKey) {
        LayerWeights w = weightsFor(i, x.getManager());
        return Block.forward(x, w, causalMask(x.getShape().get(1)), config, training, Dropout.Key.of(stepKey), i);
    }

    /** Final LayerNorm and the LM head (tied to the token embedding): (B, T, C) → (B, T, V). */
    public NDArray head(NDArray x) {
        return Ops.linear(Ops.layerNorm(x, lnfGamma, lnfBeta), wte, null);
    }

    private LayerWeights weightsFor(int i, NDManager step) {
        int root = ties.root(i);
        LayerWeights w = own[root];
        if (root != i && gradientMode == GradientMode.FROZEN) {
            return w.detached(step);
        }
        return w;
    }

    private NDArray causalMask(long t) {
        return masks.computeIfAbsent(t, n -> {
            int size = (int) (long) n;
            float[] m = new float[size * size];
            for (int r = 0; r < size; r++) {
                for (int col = r + 1; col < size; col++) {
                    m[r * size + col] = Float.NEGATIVE_INFINITY;
                }
            }
            return manager.create(m, new Shape(size, size));
        });
    }

    // ---- tying --------------------------------------------------------------------------------

    /**
     * Layer i computes with layer j's root's tensors from now on (no copy). If i was a root, its weights
     * and optimizer moments are released and its followers follow the new root (see {@link TieMap}).
     *
     * @param optimizer whose state to keep consistent; may be null when not training
     */
    public void tie(int i, int j, AdamW optimizer) {
        TieMap next = ties.tie(i, j);
        if (ties.isIndependent(i)) {
            release(i, optimizer);
        }
        ties = next;
    }

    /**
     * Layer i gets an independent copy of its root's current weights and optimizer moments. A no-op that
     * returns false if i is already independent.
     */
    public boolean untie(int i, AdamW optimizer) {
        if (ties.isIndependent(i)) {
            return false;
        }
        LayerWeights source = own[ties.root(i)];
        boolean grad = Autograd.isGradMode();
        Autograd.gradMode(false);
        try {
            own[i] = source.copy(manager);
        } finally {
            Autograd.gradMode(grad);
        }
        if (optimizer != null) {
            List<NDArray> from = source.tensors();
            List<NDArray> to = own[i].tensors();
            for (int k = 0; k < from.size(); k++) {
                optimizer.copyState(from.get(k), to.get(k));
            }
        }
        ties = ties.untie(i);
        return true;
    }

    /** Applies a whole tie vector, layer by layer (ties first for lower layers, as the agent would). */
    public void applyTies(TieMap target, AdamW optimizer) {
        for (int i = 1; i < config.layers(); i++) {
            int want = target.root(i);
            if (want == i) {
                untie(i, optimizer);
            } else if (ties.root(i) != ties.root(want)) {
                tie(i, want, optimizer);
            }
        }
    }

    private void release(int i, AdamW optimizer) {
        for (NDArray t : own[i].tensors()) {
            if (optimizer != null) {
                optimizer.forget(t);
            }
        }
        own[i].close();
        own[i] = null;
    }

    // ---- parameters ---------------------------------------------------------------------------

    /** The trainable tensors, each once: embeddings, final LayerNorm and the roots' weights. */
    public List<Param> parameters() {
        List<Param> out = new ArrayList<>();
        out.add(new Param("wte.weight", wte, true));
        out.add(new Param("wpe.weight", wpe, false));
        for (int i : ties.roots()) {
            List<NDArray> t = own[i].tensors();
            for (int k = 0; k < t.size(); k++) {
                out.add(new Param("h." + i + "." + LayerWeights.NAMES.get(k), t.get(k), LayerWeights.decays(k)));
            }
        }
        out.add(new Param("ln_f.weight", lnfGamma, false));
        out.add(new Param("ln_f.bias", lnfBeta, false));
        return out;
    }

    /** Number of trainable scalars: the shared tensors plus one block per root. */
    public long trainableParameters() {
        return config.sharedParameters() + ties.independentCount() * config.blockParameters();
    }

    /** Scalars the model would have with every layer materialised (conventional training). */
    public long totalParameters() {
        return config.sharedParameters() + config.layers() * config.blockParameters();
    }

    /** The weights layer i computes with (its root's). Owned by this model. */
    public LayerWeights layerWeights(int i) {
        return own[ties.root(i)];
    }

    public NDArray tokenEmbedding() {
        return wte;
    }

    public NDArray positionEmbedding() {
        return wpe;
    }

    public NDArray finalNormGamma() {
        return lnfGamma;
    }

    public NDArray finalNormBeta() {
        return lnfBeta;
    }

    public TieMap ties() {
        return ties;
    }

    public GptConfig config() {
        return config;
    }

    public GradientMode gradientMode() {
        return gradientMode;
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
