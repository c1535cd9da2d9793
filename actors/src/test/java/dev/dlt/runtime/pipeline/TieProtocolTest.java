package dev.dlt.runtime.pipeline;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.ActorRuntime;
import dev.dlt.runtime.RuntimeSettings;
import dev.dlt.runtime.Script;
import dev.dlt.runtime.StageFaults;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tie protocol of the coordinator, driven with test probes. */
class TieProtocolTest {

    private static final TieMap START = TieMap.of(0, 1, 0, 3);
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static ActorRuntime runtime() {
        return spawn(kit, settings(START, 2, 1), StageFaults.NONE);
    }

    private static Coordinator.TieReply ask(ActorRef<Coordinator.Command> c, Coordinator.Command msg,
                                            TestProbe<Coordinator.TieReply> probe) {
        c.tell(msg);
        return probe.receiveMessage();
    }

    @Test
    void invalidTiesAreRejectedWithAnErrorAndChangeNothing() {
        try (ActorRuntime rt = runtime()) {
            TestProbe<Coordinator.TieReply> probe = kit.createTestProbe();
            ActorRef<Coordinator.TieReply> me = probe.ref();
            List<Coordinator.Command> invalid = List.of(
                    new Coordinator.TieTo(2, 2, me),   // j == i
                    new Coordinator.TieTo(1, 3, me),   // j > i
                    new Coordinator.TieTo(7, 0, me),   // unknown layer
                    new Coordinator.TieTo(0, 0, me),   // layer 0 is never tied
                    new Coordinator.TieTo(3, -1, me),  // unknown target
                    new Coordinator.Untie(9, me));     // unknown layer
            for (Coordinator.Command m : invalid) {
                Coordinator.TieReply r = ask(rt.coordinator(), m, probe);
                assertNotNull(r.error(), m + " must be rejected");
                assertFalse(r.changed());
                assertArrayEquals(START.toArray(), r.ties());
            }
            assertEquals(START, rt.ties());
            // and the model is untouched: a step gives the reference's first loss
            double expected = referenceLosses(rt.settings(), 1)[0];
            assertTrue(relativeDifference(rt.step(batch(0), LR, key(0)).loss(), expected) <= 1e-5);
        }
    }

    @Test
    void untieOfAnIndependentLayerIsANoOp() {
        try (ActorRuntime rt = runtime()) {
            TestProbe<Coordinator.TieReply> probe = kit.createTestProbe();
            for (int layer : new int[] {0, 1, 3}) {
                Coordinator.TieReply r = ask(rt.coordinator(), new Coordinator.Untie(layer, probe.ref()), probe);
                assertNull(r.error());
                assertFalse(r.changed(), "layer " + layer + " is already independent");
                assertArrayEquals(START.toArray(), r.ties());
            }
        }
    }

    @Test
    void aTieToATiedLayerResolvesToItsRoot() {
        try (ActorRuntime rt = runtime()) {
            // layer 2 follows 0, so tying 3 to 2 ties it to 0; 3 was a root without followers
            assertEquals(TieMap.of(0, 1, 0, 0), rt.tie(3, 2));
            assertEquals(TieMap.of(0, 1, 0, 0), rt.ties());
            assertEquals(CONFIG.sharedParameters() + 2 * CONFIG.blockParameters(), rt.trainableParameters());
        }
    }

    @Test
    void aTieRequestedDuringAStepAppliesAtTheNextBoundary() {
        RuntimeSettings s = settings(START, 2, 1);
        TieMap after = START.tie(3, 1);
        List<Double> expected = Script.local(s, List.of(new Script.Step(), new Script.Tie(3, 1), new Script.Step()));
        try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE)) {
            TestProbe<Object> probe = kit.createTestProbe();
            rt.coordinator().tell(new Coordinator.TrainStep(batch(0), LR, key(0), probe.ref().narrow()));
            rt.coordinator().tell(new Coordinator.TieTo(3, 1, probe.ref().narrow()));
            Coordinator.StepReply step = probe.expectMessageClass(Coordinator.StepReply.class);
            assertTrue(relativeDifference(step.loss(), expected.get(0)) <= 1e-5,
                    "the step in flight computes with the old ties: " + step.loss() + " vs " + expected.get(0));
            Coordinator.TieReply tie = probe.expectMessageClass(Coordinator.TieReply.class);
            assertTrue(tie.changed());
            assertArrayEquals(after.toArray(), tie.ties());
            assertEquals(after, rt.ties());
            double next = rt.step(batch(1), LR, key(1)).loss();
            assertTrue(relativeDifference(next, expected.get(1)) <= 1e-5,
                    "the next step computes with the new ties: " + next + " vs " + expected.get(1));
        }
    }
}
