package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GPipe micro-batching: gradients accumulated over micro-batches equal the full batch's gradient. The weighted
 * micro-batch loss, the global gradient norm and hence every following step match the local full-batch step
 * within 1e-5, with dropout too (its masks are keyed per batch row, not per micro-batch).
 */
class MicroBatchTest {

    private static final int STEPS = 4;
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static void assertMatchesFullBatch(int microBatches, int maxInFlight, double dropout) {
        RuntimeSettings s = RuntimeSettings.of(CONFIG.withDropout(dropout), TieMap.of(0, 1, 0, 2), GradientMode.SHARED,
                SEED, AdamW.Settings.defaults(), CLIP).withPipeline(2, microBatches, maxInFlight);
        TrainingStep.Result[] expected = reference(s, STEPS);
        try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE)) {
            for (int k = 0; k < STEPS; k++) {
                TrainingStep.Result actual = rt.step(batch(k), LR, key(k));
                assertTrue(relativeDifference(actual.loss(), expected[k].loss()) <= 1e-5,
                        "step " + k + " loss: " + actual.loss() + " vs full batch " + expected[k].loss());
                assertTrue(relativeDifference(actual.gradNorm(), expected[k].gradNorm()) <= 1e-5,
                        "step " + k + " gradient norm: " + actual.gradNorm() + " vs full batch " + expected[k].gradNorm());
            }
        }
    }

    @Test
    void twoMicroBatchesGiveTheFullBatchGradient() {
        assertMatchesFullBatch(2, 2, 0);
    }

    @Test
    void fourMicroBatchesWithOneInFlight() {
        assertMatchesFullBatch(4, 1, 0);
    }

    @Test
    void threeUnevenMicroBatchesWithDropout() {
        assertMatchesFullBatch(3, 2, 0.2);
    }
}
