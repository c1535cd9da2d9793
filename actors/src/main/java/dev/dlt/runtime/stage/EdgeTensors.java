package dev.dlt.runtime.stage;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.memory.ActivationMeter;
import dev.dlt.model.nn.Ops;
import dev.dlt.model.nn.Scopes;
import dev.dlt.model.nn.Param;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.optim.GradClip;
import dev.dlt.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The tensors at both ends of the pipeline: token and position embeddings, final LayerNorm, and the LM
 * head, which is the token embedding again. One owner for both ends, so the head's use of the token
 * embedding accumulates into the same gradient as the embedding's, as in {@link dev.dlt.model.nn.Gpt}.
 *
 * <p>Ownership: one base manager created on the edge's thread by {@link #restore}; {@link #close()} frees it.
 */
final class EdgeTensors implements AutoCloseable {

    /** Order of the tensors in a snapshot. */
    static final List<String> NAMES = List.of("wte.weight", "wpe.weight", "ln_f.weight", "ln_f.bias");

    private final GptConfig config;
    private final NDManager manager;
    private final AdamW optimizer;
    private final List<NDArray> tensors = new ArrayList<>();
    private final Passes embeddings = new Passes();
    private final Passes heads = new Passes();

    private EdgeTensors(GptConfig config, AdamW.Settings adam, Device device) {
        this.config = config;
        this.manager = NDManager.newBaseManager(device);
        this.optimizer = new AdamW(adam, manager);
    }

    /** Rebuilds the edge from its state on {@code device}, on the calling (the edge's) thread. */
    static EdgeTensors restore(GptConfig config, AdamW.Settings adam, Device device, Stage.LayerState s,
                               long adamSteps) {
        EdgeTensors t = new EdgeTensors(config, adam, device);
        Autograd.gradMode(false);
        for (long k = 0; k < adamSteps; k++) {
            t.optimizer.step(List.of(), 0, 1); // advances the bias-correction counter only
        }
        for (int k = 0; k < NAMES.size(); k++) {
            NDArray a = s.weights().get(k).toArray(t.manager);
            a.setRequiresGradient(true);
            t.tensors.add(a);
            if (s.hasMoments()) {
                t.optimizer.restore(a, s.m().get(k).toArray(t.manager), s.v().get(k).toArray(t.manager), adamSteps);
            }
        }
        return t;
    }

    Stage.LayerState snapshot() {
        return snapshot(byte[]::new);
    }

    /** The edge's tensors and moments as bytes, in arrays from {@code buffers}. */
    Stage.LayerState snapshot(IntFunction<byte[]> buffers) {
        List<Tensor> m = new ArrayList<>();
        List<Tensor> v = new ArrayList<>();
        for (NDArray a : tensors) {
            AdamW.Moments s = optimizer.moments(a);
            if (s == null) {
                return new Stage.LayerState(Tensor.of(tensors, buffers), List.of(), List.of());
            }
            m.add(Tensor.of(s.m(), buffers));
            v.add(Tensor.of(s.v(), buffers));
        }
        return new Stage.LayerState(Tensor.of(tensors, buffers), m, v);
    }

    long adamSteps() {
        return optimizer.stepCount();
    }

    /**
     * Token plus position embeddings with dropout, as {@code Gpt.embed}: (B, T) ids → (B, T, C); returns
     * {@code send} of them.
     */
    <T> T embed(int micro, boolean training, Dropout.Key key, int rows, int seqLen, int[] inputs,
                Function<NDArray, T> send) {
        NDManager scope = manager.newSubManager();
        Autograd.gradMode(training);
        try {
            NDArray ids = ids(scope, inputs, rows, seqLen);
            NDArray pos = scope.arange(0, seqLen, 1, DataType.INT64);
            NDArray x = Ops.embedding(ids, wte()).add(Ops.embedding(pos, tensors.get(1)));
            x = Dropout.apply(x, config.dropout(), training, key, -1, Dropout.Site.EMBEDDING);
            T out = send.apply(x);
            keepOrClose(embeddings, micro, training, scope, null, x, 0);
            return out;
        } finally {
            Autograd.gradMode(false);
        }
    }

    /** Final LayerNorm, LM head and mean cross-entropy, as {@code Gpt.head} and {@code Gpt.loss}. */
    double head(int micro, boolean training, Function<NDManager, NDArray> in, int rows, int seqLen, int[] targets) {
        NDManager scope = manager.newSubManager();
        Autograd.gradMode(training);
        try {
            NDArray x = in.apply(scope);
            x.setRequiresGradient(training);
            NDArray targetIds = ids(scope, targets, rows, seqLen);
            ActivationMeter meter = new ActivationMeter();
            NDArray loss = Scopes.freeIntermediates(x, meter, h -> Ops.crossEntropy(
                    Ops.linear(Ops.layerNorm(h, tensors.get(2), tensors.get(3)), wte(), null), targetIds));
            double value = loss.getFloat();
            keepOrClose(heads, micro, training, scope, x, loss, meter.bytes());
            return value;
        } finally {
            Autograd.gradMode(false);
        }
    }

    /** Backward of the head from its loss times {@code weight}; returns {@code send} of the last group's gradient. */
    <T> T backwardHead(int micro, double weight, Function<NDArray, T> send) {
        return heads.backwardScaled(micro, weight, send);
    }

    void backwardEmbedding(int micro, Function<NDManager, NDArray> upstream) {
        embeddings.backward(micro, upstream, g -> null);
    }

    double squaredGradNorm() {
        double norm = GradClip.globalNorm(params());
        return norm * norm;
    }

    void update(double lr, double gradScale) {
        optimizer.step(params(), lr, gradScale);
    }

    /** Activation bytes held in the current round: the peaks of both ends (an upper bound of their sum). */
    long activationPeakBytes() {
        return embeddings.peakBytes() + heads.peakBytes();
    }

    void dropPasses() {
        embeddings.clear();
        heads.clear();
    }

    /** Forgets an unfinished round: its activations and every gradient accumulated in it. */
    void discardRound() {
        dropPasses();
        tensors.forEach(Autograd::zeroGradient);
    }

    private List<Param> params() {
        return List.of(new Param(NAMES.get(0), tensors.get(0), true), new Param(NAMES.get(1), tensors.get(1), false),
                new Param(NAMES.get(2), tensors.get(2), false), new Param(NAMES.get(3), tensors.get(3), false));
    }

    private NDArray wte() {
        return tensors.get(0);
    }

    private static NDArray ids(NDManager m, int[] values, int rows, int seqLen) {
        return m.create(values, new Shape(rows, seqLen)).toType(DataType.INT64, false);
    }

    private static void keepOrClose(Passes passes, int micro, boolean training, NDManager scope, NDArray in,
                                    NDArray out, long freed) {
        if (training) {
            passes.keep(micro, scope, in, out, freed);
        } else {
            scope.close();
        }
    }

    @Override
    public void close() {
        dropPasses();
        manager.close();
    }
}
