package dev.dlt.runtime.stage;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a stage remembers across a restart by its supervisor: the wiring, the last good state (as heap
 * bytes), or with snapshots off its live tensors, and the newest round it saw. Created once per stage
 * outside the supervised behaviour; touched only from the stage's thread.
 *
 * @param <S> the snapshot type of the stage
 * @param <L> the stage's live tensors
 */
final class StageMemory<S, L> {
    List<ActorRef<Stage.Command>> groups = List.of();
    ActorRef<Stage.Command> edge;
    S lastGood;
    /** Whether {@link #lastGood} is a snapshot this stage made (its arrays may be recycled), not one handed in. */
    boolean ownsLastGood;
    final SnapshotBuffers buffers = new SnapshotBuffers();
    L live;
    long newestRound = -1;
    int starts;
    String lastError = "";

    StageMemory(S initial) {
        this.lastGood = initial;
    }

    /** Remembers where the other stages are; a restarted stage keeps sending to them. */
    void wire(Stage.Wire m) {
        groups = List.copyOf(m.groups());
        edge = m.edge();
    }
}
