package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same settings: the actor runtime's per-step losses equal the local {@code TrainingStep.run}
 * loop's within a relative 1e-5, for conventional training and for a tie pattern whose ties cross groups.
 */
class EqualityTest {

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

    private static void assertSameLosses(RuntimeSettings s) {
        double[] expected = referenceLosses(s, STEPS);
        double[] actual = new double[STEPS];
        try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE)) {
            for (int k = 0; k < STEPS; k++) {
                actual[k] = rt.step(batch(k), LR, key(k)).loss();
            }
        }
        for (int k = 0; k < STEPS; k++) {
            assertTrue(relativeDifference(actual[k], expected[k]) <= 1e-5,
                    "step " + k + ": actors " + actual[k] + ", local " + expected[k]);
        }
        assertTrue(expected[STEPS - 1] < expected[0] - 0.05, "the reference must actually train: " + expected[0]
                + " -> " + expected[STEPS - 1]);
    }

    @Test
    void conventionalTrainingOneLayerPerActor() {
        assertSameLosses(settings(TieMap.independent(4), 1, 1));
    }

    @Test
    void tiesAcrossGroupsInGroupsOfTwo() {
        // groups {0,1} and {2,3}: layer 2 follows 0 and layer 3 follows 1 — both ties cross the groups
        TieMap ties = TieMap.of(0, 1, 0, 1);
        assertSameLosses(settings(ties, 2, 1));
    }

    @Test
    void tiesWithinAndAcrossGroupsOneLayerPerActor() {
        assertSameLosses(settings(TieMap.of(0, 0, 2, 0), 1, 1));
    }

    @Test
    void allSharedInOneGroup() {
        assertSameLosses(settings(TieMap.allTiedToFirst(4), 4, 1));
    }

    @Test
    void frozenGradientModeAcrossGroups() {
        RuntimeSettings s = RuntimeSettings.of(CONFIG, TieMap.of(0, 1, 0, 1), GradientMode.FROZEN, SEED,
                AdamW.Settings.defaults(), CLIP).withPipeline(1, 1, 1);
        assertSameLosses(s);
    }

    @Test
    void aRuntimeWithItsOwnActorSystem() {
        RuntimeSettings s = settings(TieMap.of(0, 0, 2, 2), 2, 1);
        double[] expected = referenceLosses(s, 2);
        try (ActorRuntime rt = ActorRuntime.start(s)) {
            for (int k = 0; k < 2; k++) {
                double loss = rt.step(batch(k), LR, key(k)).loss();
                assertTrue(relativeDifference(loss, expected[k]) <= 1e-5, "step " + k);
            }
        }
    }

    @Test
    void tieStateIsReported() {
        try (ActorRuntime rt = spawn(kit, settings(TieMap.of(0, 1, 0, 1), 2, 1), StageFaults.NONE)) {
            assertEquals(TieMap.of(0, 1, 0, 1), rt.ties());
            assertEquals(CONFIG.sharedParameters() + 2 * CONFIG.blockParameters(), rt.trainableParameters());
        }
    }
}
