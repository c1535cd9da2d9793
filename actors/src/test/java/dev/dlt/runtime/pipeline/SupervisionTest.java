package dev.dlt.runtime.pipeline;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.ActorRuntime;
import dev.dlt.runtime.RuntimeSettings;
import dev.dlt.runtime.Script;
import dev.dlt.runtime.StageFaults;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stage that throws is restarted by its supervisor from its last good state; the coordinator rolls
 * every stage back and retries the step, or fails it loudly. Either way no stage trains on a state the
 * others do not share: the losses afterwards are those of a run without the fault.
 */
class SupervisionTest {

    /** Groups {0,1} and {2,3}, ties across them; stages 0 and 1 are the groups, stage 2 the edge. */
    private static final RuntimeSettings SETTINGS = settings(TieMap.of(0, 1, 0, 1), 2, 1);
    private static final int STEPS = 5;
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** Throws once, at the {@code nth} call for (stage, event). */
    private record OneFault(int stage, String event, int nth, AtomicInteger seen, AtomicInteger thrown)
            implements StageFaults {
        OneFault(int stage, String event, int nth) {
            this(stage, event, nth, new AtomicInteger(), new AtomicInteger());
        }

        @Override
        public void check(int s, String e, long round) {
            if (s == stage && e.equals(event) && seen.incrementAndGet() == nth) {
                thrown.incrementAndGet();
                throw new IllegalStateException("injected fault in " + event + " of stage " + stage);
            }
        }
    }

    private static double[] run(ActorRuntime rt, int steps) {
        double[] out = new double[steps];
        for (int k = 0; k < steps; k++) {
            out[k] = rt.step(batch(k), LR, key(k)).loss();
        }
        return out;
    }

    private static void assertRetriedTransparently(int stage, String event, boolean snapshots) {
        assertRetriedTransparently(stage, event, snapshots, 3);
    }

    private static void assertRetriedTransparently(int stage, String event, boolean snapshots, int nth) {
        double[] expected = referenceLosses(SETTINGS, STEPS);
        OneFault fault = new OneFault(stage, event, nth);
        try (ActorRuntime rt = spawn(kit, SETTINGS.withSnapshots(snapshots), fault)) {
            double[] actual = run(rt, STEPS);
            assertEquals(1, fault.thrown().get(), "the fault fired once");
            for (int k = 0; k < STEPS; k++) {
                assertTrue(relativeDifference(actual[k], expected[k]) <= 1e-5,
                        event + " fault, step " + k + ": " + actual[k] + " vs " + expected[k]);
            }
        }
    }

    @ParameterizedTest(name = "snapshots {0}")
    @ValueSource(booleans = {true, false})
    void aGroupThatThrowsInForwardIsRestartedAndTheStepRetried(boolean snapshots) {
        assertRetriedTransparently(1, "forward", snapshots);
    }

    /** The last step: the group restarts from a snapshot written into the arrays of an earlier one. */
    @Test
    void aGroupRestartsFromARecycledSnapshot() {
        assertRetriedTransparently(0, "forward", true, STEPS);
        assertRetriedTransparently(2, "head", true, STEPS); // the edge too (stage 2 of 2 groups)
    }

    @ParameterizedTest(name = "snapshots {0}")
    @ValueSource(booleans = {true, false})
    void aGroupThatThrowsInBackwardIsRestartedAndTheStepRetried(boolean snapshots) {
        assertRetriedTransparently(0, "backward", snapshots);
    }

    @ParameterizedTest(name = "snapshots {0}")
    @ValueSource(booleans = {true, false})
    void theEdgeThrowingInTheHeadIsRestartedAndTheStepRetried(boolean snapshots) {
        assertRetriedTransparently(2, "head", snapshots);
    }

    @ParameterizedTest(name = "snapshots {0}")
    @ValueSource(booleans = {true, false})
    void aRootGroupThrowingWhileAddingFollowerGradientsIsRetried(boolean snapshots) {
        assertRetriedTransparently(0, "follower-gradients", snapshots);
    }

    @ParameterizedTest(name = "snapshots {0}")
    @ValueSource(booleans = {true, false})
    void aStepThatKeepsFailingFailsLoudlyAndLeavesTheLastGoodState(boolean snapshots) {
        List<Script.Op> ops = List.of(new Script.Step(), new Script.Step(), new Script.Eval(), new Script.Step());
        List<Double> expected = Script.local(SETTINGS, ops);
        AtomicBoolean armed = new AtomicBoolean(false);
        StageFaults always = (s, e, r) -> {
            if (armed.get() && s == 1 && e.equals("forward")) {
                throw new IllegalStateException("injected persistent fault");
            }
        };
        try (ActorRuntime rt = spawn(kit, SETTINGS.withMaxAttempts(2).withSnapshots(snapshots), always)) {
            double[] first = run(rt, 2);
            armed.set(true);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.step(batch(2), LR, key(2)));
            assertTrue(e.getMessage().contains("failed after 2 attempt(s)"), e.getMessage());
            assertTrue(e.getMessage().contains("injected persistent fault"), e.getMessage());
            armed.set(false);
            double eval = rt.evaluate(batch(100));
            double again = rt.step(batch(2), LR, key(2)).loss();
            Script.assertSame(expected, List.of(first[0], first[1], eval, again));
        }
    }

    @Test
    void aCrashDuringTheUpdateStopsTheRuntime() {
        AtomicBoolean armed = new AtomicBoolean(false);
        StageFaults duringUpdate = (s, e, r) -> {
            if (armed.get() && s == 1 && e.equals("update")) {
                armed.set(false);
                throw new IllegalStateException("injected fault during the update");
            }
        };
        try (ActorRuntime rt = spawn(kit, SETTINGS, duringUpdate)) {
            run(rt, 1);
            armed.set(true);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.step(batch(1), LR, key(1)));
            assertTrue(e.getMessage().contains("stopped"), e.getMessage());
            IllegalStateException later = assertThrows(IllegalStateException.class, () -> rt.step(batch(2), LR, key(2)));
            assertTrue(later.getMessage().contains("stopped"), later.getMessage());
        }
    }
}
