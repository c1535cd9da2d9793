package dev.dlt.runtime.stage;

import dev.dlt.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a layer group needs to rebuild itself, as heap bytes: the last good state that a restart or
 * a rollback returns to, and the initial state handed out by the coordinator.
 *
 * @param ties      the resolved tie vector
 * @param adamSteps AdamW updates taken so far (the bias-correction counter, equal in every stage)
 * @param own       weights and moments of the group's roots, by layer
 * @param copies    weights of remote roots the group computes with, by root layer
 */
public record GroupSnapshot(int[] ties, long adamSteps, Map<Integer, Stage.LayerState> own,
                            Map<Integer, List<Tensor>> copies) {
    public GroupSnapshot {
        ties = ties.clone();
        own = new TreeMap<>(own);
        copies = new TreeMap<>(copies);
    }

    /** Every tensor of the snapshot: the roots' weights and moments, then the copies. */
    public List<Tensor> tensors() {
        List<Tensor> all = new ArrayList<>();
        own.values().forEach(s -> all.addAll(s.tensors()));
        copies.values().forEach(all::addAll);
        return all;
    }
}
