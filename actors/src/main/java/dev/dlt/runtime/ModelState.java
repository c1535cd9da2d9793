package dev.dlt.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.LayerWeights;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.stage.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole trainable state of a model at a step boundary, as heap bytes: the tie vector, the edge tensors
 * (token embedding, position embedding, final LayerNorm gamma and beta, in that order) and every root's 12
 * layer tensors (in {@link LayerWeights#NAMES} order), each with its AdamW moments, and AdamW's
 * bias-correction counter. What {@link ActorRuntime#snapshot()} exports and {@link ActorRuntime#start(
 * RuntimeSettings, ModelState)} starts from; {@link #of} and {@link #toLocal} convert to and from the local
 * {@link Gpt} + {@link AdamW}, so one checkpoint format serves both runtimes.
 *
 * <p>Holds no native memory. Moments are absent (empty lists) before the first update.
 *
 * @param ties      the resolved tie vector
 * @param edge      the four edge tensors with their moments
 * @param roots     every root's tensors with their moments, by layer; exactly the tie vector's roots
 * @param adamSteps AdamW updates taken so far
 */
public record ModelState(int[] ties, Stage.LayerState edge, Map<Integer, Stage.LayerState> roots, long adamSteps)
        implements CborSerializable {

    /** wte, wpe, ln_f gamma, ln_f beta. */
    public static final int EDGE_TENSORS = 4;

    public ModelState {
        ties = ties.clone();
        roots = new TreeMap<>(roots);
        TieMap t = TieMap.of(ties);
        if (!roots.keySet().equals(new TreeSet<>(t.roots()))) {
            throw new IllegalArgumentException("model state has layers " + roots.keySet() + " but the roots of "
                    + t + " are " + t.roots());
        }
        if (edge.weights().size() != EDGE_TENSORS) {
            throw new IllegalArgumentException("model state needs " + EDGE_TENSORS + " edge tensors, got "
                    + edge.weights().size());
        }
        if (adamSteps < 0) {
            throw new IllegalArgumentException("AdamW step count must be >= 0, got " + adamSteps);
        }
    }

    public TieMap tieMap() {
        return TieMap.of(ties);
    }

    /** Copies a local model's weights and, if {@code optimizer} is not null, its moments; on the model's thread. */
    public static ModelState of(Gpt model, AdamW optimizer) {
        List<NDArray> edge = List.of(model.tokenEmbedding(), model.positionEmbedding(), model.finalNormGamma(),
                model.finalNormBeta());
        Map<Integer, Stage.LayerState> roots = new TreeMap<>();
        for (int r : model.ties().roots()) {
            roots.put(r, state(model.layerWeights(r).tensors(), optimizer));
        }
        return new ModelState(model.ties().toArray(), state(edge, optimizer), roots,
                optimizer == null ? 0 : optimizer.stepCount());
    }

    private static Stage.LayerState state(List<NDArray> weights, AdamW optimizer) {
        List<Tensor> m = new ArrayList<>();
        List<Tensor> v = new ArrayList<>();
        for (NDArray w : weights) {
            AdamW.Moments s = optimizer == null ? null : optimizer.moments(w);
            if (s == null) {
                return new Stage.LayerState(Tensor.of(weights), List.of(), List.of());
            }
            m.add(Tensor.of(s.m()));
            v.add(Tensor.of(s.v()));
        }
        return new Stage.LayerState(Tensor.of(weights), m, v);
    }

    /**
     * A local model and optimizer with exactly these weights, moments and counter, on a new sub-manager of
     * {@code manager}: closing the returned {@link Local} frees both.
     */
    public Local toLocal(GptConfig config, GradientMode mode, AdamW.Settings adam, NDManager manager) {
        NDManager owned = manager.newSubManager();
        boolean grad = Autograd.isGradMode();
        Autograd.gradMode(false);
        try {
            List<NDArray> e = arrays(edge.weights(), owned);
            LayerWeights[] layers = new LayerWeights[config.layers()];
            roots.forEach((r, s) -> layers[r] = LayerWeights.of(arrays(s.weights(), owned)));
            for (LayerWeights w : layers) {
                if (w != null) {
                    w.tensors().forEach(a -> a.setRequiresGradient(true));
                }
            }
            Gpt model = Gpt.of(config, tieMap(), mode, owned, e.get(0), e.get(1), e.get(2), e.get(3), layers);
            AdamW optimizer = new AdamW(adam, owned.newSubManager());
            for (long k = 0; k < adamSteps; k++) {
                optimizer.step(List.of(), 0, 1); // advances the bias-correction counter only
            }
            restoreMoments(optimizer, e, edge, owned);
            roots.forEach((r, s) -> restoreMoments(optimizer, layers[r].tensors(), s, owned));
            return new Local(model, optimizer);
        } catch (RuntimeException ex) {
            owned.close();
            throw ex;
        } finally {
            Autograd.gradMode(grad);
        }
    }

    private void restoreMoments(AdamW optimizer, List<NDArray> params, Stage.LayerState s, NDManager m) {
        if (!s.hasMoments()) {
            return;
        }
        for (int k = 0; k < params.size(); k++) {
            optimizer.restore(params.get(k), s.m().get(k).toArray(m), s.v().get(k).toArray(m), adamSteps);
        }
    }

    private static List<NDArray> arrays(List<Tensor> tensors, NDManager m) {
        List<NDArray> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t.toArray(m));
        }
        return out;
    }

    /** A local model and its optimizer made by {@link #toLocal}. Owns both (one manager): close it. */
    public record Local(Gpt model, AdamW optimizer) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }
}
