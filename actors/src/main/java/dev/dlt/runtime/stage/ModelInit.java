package dev.dlt.runtime.stage;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.RuntimeSettings;
import dev.dlt.runtime.Tensor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The initial weights of every stage, as bytes: drawn by {@link Gpt#create} with the run's seed, so the
 * actor runtime starts from exactly the weights the local trainer starts from.
 *
 * @param edge  token and position embeddings and the final LayerNorm, in {@link EdgeTensors#NAMES} order
 * @param roots the weights of every independent layer
 */
public record ModelInit(List<Tensor> edge, Map<Integer, List<Tensor>> roots) {

    public ModelInit {
        edge = List.copyOf(edge);
        roots = new TreeMap<>(roots);
    }

    /** Builds the model on the calling thread in a temporary manager and copies its weights out. */
    public static ModelInit create(RuntimeSettings s) {
        try (NDManager m = NDManager.newBaseManager();
             Gpt gpt = Gpt.create(s.model(), s.initialTies(), s.gradientMode(), m.newSubManager(), s.seed())) {
            List<Tensor> edge = Tensor.of(List.of(gpt.tokenEmbedding(), gpt.positionEmbedding(),
                    gpt.finalNormGamma(), gpt.finalNormBeta()));
            Map<Integer, List<Tensor>> roots = new TreeMap<>();
            for (int r : s.initialTies().roots()) {
                roots.put(r, Tensor.of(gpt.layerWeights(r).tensors()));
            }
            return new ModelInit(edge, roots);
        }
    }

    public EdgeActor.Snapshot edgeSnapshot() {
        return new EdgeActor.Snapshot(new Stage.LayerState(edge, List.of(), List.of()), 0);
    }

    /** Group {@code group}'s starting state: its roots, and copies of the remote roots it computes with. */
    public GroupSnapshot groupSnapshot(int group, Partition partition, TieMap ties) {
        Map<Integer, Stage.LayerState> own = new TreeMap<>();
        Map<Integer, List<Tensor>> copies = new TreeMap<>();
        for (int k = partition.first(group); k < partition.end(group); k++) {
            if (ties.isIndependent(k)) {
                own.put(k, new Stage.LayerState(roots.get(k), List.of(), List.of()));
            }
        }
        for (int r : partition.remoteRoots(group, ties)) {
            copies.put(r, roots.get(r));
        }
        return new GroupSnapshot(ties.toArray(), 0, own, copies);
    }
}
