package dev.dlt.runtime.stage;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a stage remembers across a restart by its supervisor: the wiring, the last good state (as heap
 * bytes) and the newest round it saw. Created once per stage outside the supervised behaviour; touched
 * only from the stage's thread.
 *
 * @param <S> the snapshot type of the stage
 */
final class StageMemory<S> {
    List<ActorRef<Stage.Command>> groups = List.of();
    ActorRef<Stage.Command> edge;
    S lastGood;
    long newestRound = -1;
    int starts;
    String lastError = "";

    StageMemory(S initial) {
        this.lastGood = initial;
    }
}
