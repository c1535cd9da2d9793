package dev.dlt.runtime.stage;

import dev.dlt.runtime.Tensor;
import java.util.List;
import java.util.function.Function;
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

    /**
     * Makes {@code next} (taken with {@link #buffers}) the last good state; the arrays of the one it replaces
     * go back to {@link #buffers} if this stage made it.
     */
    void keepGood(S next, Function<S, List<Tensor>> tensorsOf) {
        if (ownsLastGood) {
            buffers.recycle(tensorsOf.apply(lastGood));
        }
        lastGood = next;
        ownsLastGood = true;
    }

    /** Remembers where the other stages are; a restarted stage keeps sending to them. */
    void wire(Stage.Wire m) {
        groups = List.copyOf(m.groups());
        edge = m.edge();
    }
}
