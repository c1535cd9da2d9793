package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;

import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.Script.Eval;
import dev.dlt.runtime.Script.Op;
import dev.dlt.runtime.Script.Step;
import dev.dlt.runtime.Script.Tie;
import dev.dlt.runtime.Script.Untie;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tie changes between steps give the same run as {@code Gpt.tie}/{@code Gpt.untie} on the local model:
 * an untie copies the root's weights and AdamW moments (from another group), a tie of a root releases it
 * and moves its followers (in other groups) to the new root.
 */
class TieChangeEqualityTest {

    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static void assertSameRun(RuntimeSettings s, List<Op> ops) {
        List<Double> expected = Script.local(s, ops);
        try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE)) {
            Script.assertSame(expected, Script.actors(rt, ops));
        }
    }

    @Test
    void untieAcrossGroupsThenTieARootWithRemoteFollowers() {
        // groups {0,1} {2,3}; start [0,1,1,1]; untie 2 (root 1 is in the other group, moments travel),
        // then tie 1 to 0: root 1 is released and its follower 3 (other group) moves to 0
        List<Op> ops = List.of(new Step(), new Step(), new Untie(2), new Step(), new Step(),
                new Tie(1, 0), new Step(), new Eval(), new Tie(3, 2), new Step());
        assertSameRun(settings(TieMap.of(0, 1, 1, 1), 2, 1), ops);
    }

    @Test
    void agentLikeEpisodeOneLayerPerActor() {
        // the dlt start state, then per layer: independent, tied back, independent
        List<Op> ops = List.of(new Step(), new Untie(1), new Step(), new Tie(2, 1), new Step(),
                new Untie(3), new Step(), new Tie(1, 0), new Step(), new Untie(2), new Step());
        assertSameRun(settings(TieMap.allTiedToFirst(4), 1, 1), ops);
    }
}
