package dev.dlt.runtime.stage;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.ModelState;
import dev.dlt.runtime.RuntimeSettings;
import dev.dlt.runtime.Tensor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The initial state of every stage, as bytes: either drawn by {@link Gpt#create} with the run's seed, so
 * the actor runtime starts from exactly the weights the local trainer starts from, or a given
 * {@link ModelState} (a checkpoint, or another runtime's snapshot), moments and AdamW counter included.
 */
public record ModelInit(ModelState state) {

    /**
     * Builds the model on the calling thread in a temporary manager on the runtime's device (so the seed draws
     * what the local trainer draws there) and copies its weights out.
     */
    public static ModelInit create(RuntimeSettings s) {
        try (NDManager m = NDManager.newBaseManager(s.device());
             Gpt gpt = Gpt.create(s.model(), s.initialTies(), s.gradientMode(), m.newSubManager(), s.seed())) {
            return new ModelInit(ModelState.of(gpt, null));
        }
    }

    public EdgeActor.Snapshot edgeSnapshot() {
        return new EdgeActor.Snapshot(state.edge(), state.adamSteps());
    }

    /** Group {@code group}'s starting state: its roots, and copies of the remote roots it computes with. */
    public GroupSnapshot groupSnapshot(int group, Partition partition, TieMap ties) {
        Map<Integer, Stage.LayerState> own = new TreeMap<>();
        Map<Integer, List<Tensor>> copies = new TreeMap<>();
        for (int k = partition.first(group); k < partition.end(group); k++) {
            if (ties.isIndependent(k)) {
                own.put(k, state.roots().get(k));
            }
        }
        for (int r : partition.remoteRoots(group, ties)) {
            copies.put(r, state.roots().get(r).weights());
        }
        return new GroupSnapshot(ties.toArray(), state.adamSteps(), own, copies);
    }
}
