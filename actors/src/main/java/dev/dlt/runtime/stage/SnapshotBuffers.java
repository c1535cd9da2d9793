package dev.dlt.runtime.stage;

import dev.dlt.runtime.Tensor;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The byte arrays of a stage's previous last-good snapshot, handed out again for the next one: a stage
 * snapshots its weights and moments after every step, and without reuse each snapshot is fresh garbage of
 * three times the stage's parameter bytes. Only arrays of snapshots the stage made itself come here, never
 * those of a snapshot handed in (they may be shared with the coordinator's model state). Confined to the
 * stage's thread.
 */
final class SnapshotBuffers {

    private Map<Integer, ArrayDeque<byte[]>> free = new HashMap<>();

    /** An array of {@code length} bytes: a recycled one if there is one, else a new one. */
    byte[] take(int length) {
        ArrayDeque<byte[]> q = free.get(length);
        byte[] b = q == null ? null : q.poll();
        return b != null ? b : new byte[length];
    }

    /** Offers the arrays of a snapshot no longer needed; arrays offered before and not taken are dropped. */
    void recycle(Iterable<Tensor> tensors) {
        Map<Integer, ArrayDeque<byte[]>> next = new HashMap<>();
        for (Tensor t : tensors) {
            next.computeIfAbsent(t.data().length, k -> new ArrayDeque<>()).add(t.data());
        }
        free = next;
    }
}
