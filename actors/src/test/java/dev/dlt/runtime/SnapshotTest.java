package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ActorRuntime#snapshot()} exports the whole model (ties, weights, moments, AdamW counter); a local
 * model built from it computes what the runtime computes, and a runtime started from it continues with
 * exactly the losses of the runtime it was taken from.
 */
class SnapshotTest {

    /** Groups {0,1} and {2,3}; layers 2 and 3 follow roots in the other group. */
    private static final TieMap CROSSING = TieMap.of(0, 1, 0, 1);
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void aSnapshotLoadedIntoALocalModelEvaluatesLikeTheRuntime() {
        RuntimeSettings s = settings(CROSSING, 2, 1);
        try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE); NDManager m = NDManager.newBaseManager()) {
            for (int k = 0; k < 3; k++) {
                rt.step(batch(k), LR, key(k));
            }
            double actors = rt.evaluate(batch(99));
            ModelState state = rt.snapshot();
            assertArrayEquals(CROSSING.toArray(), state.ties());
            assertEquals(Set.of(0, 1), state.roots().keySet(), "roots only: tied layers are the tie vector");
            assertEquals(3, state.adamSteps());
            assertTrue(state.edge().hasMoments() && state.roots().get(1).hasMoments(), "moments after 3 updates");
            try (ModelState.Local local = state.toLocal(s.model(), s.gradientMode(), s.adam(), m)) {
                double loss = TrainingStep.evaluate(local.model(), batch(99));
                assertEquals(actors, loss, 0.0, "same weights, same ops in the same order: the same loss, bit for bit");
                assertEquals(3, local.optimizer().stepCount());
                assertEquals(state.roots().get(1).m().get(2).elements(),
                        local.optimizer().moments(local.model().layerWeights(3).attnW()).m().size(),
                        "layer 3 computes with root 1, whose moments came along");
            }
            assertEquals(actors, rt.evaluate(batch(99)), 0.0, "a snapshot changes nothing in the runtime");
        }
    }

    @Test
    void aRuntimeStartedFromASnapshotContinuesWithTheSameLosses() {
        RuntimeSettings s = settings(TieMap.independent(4), 2, 1);
        double[] expected = new double[2];
        ModelState state;
        try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE)) {
            rt.step(batch(0), LR, key(0));
            rt.tie(3, 1); // a tie crossing the groups, then a step so the moments are not fresh
            rt.step(batch(1), LR, key(1));
            state = rt.snapshot();
            for (int k = 0; k < 2; k++) {
                expected[k] = rt.step(batch(2 + k), LR, key(2 + k)).loss();
            }
        }
        RuntimeSettings resumed = settings(state.tieMap(), 2, 1);
        assertThrows(IllegalArgumentException.class, () -> ActorRuntime.start(s, state), "ties must match");
        try (ActorRuntime rt = ActorRuntime.start(resumed, state)) {
            assertEquals(state.tieMap(), rt.ties());
            for (int k = 0; k < 2; k++) {
                assertEquals(expected[k], rt.step(batch(2 + k), LR, key(2 + k)).loss(), 0.0, "step " + (2 + k));
            }
        }
    }
}
