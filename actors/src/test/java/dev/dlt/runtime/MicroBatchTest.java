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

    /**
     * The activation bytes a step reports: with every micro-batch in flight (GPipe) the stages hold all of
     * them at the end of the forward phase, so any split holds the whole batch's activations — close to the
     * local trainer's count (stages also keep a copy of each boundary activation they received).
     */
    @Test
    void activationBytesAreMeasuredAndDoNotDependOnTheSplit() {
        RuntimeSettings one = RuntimeSettings.of(CONFIG.withDropout(0), TieMap.independent(4), GradientMode.SHARED,
                SEED, AdamW.Settings.defaults(), CLIP).withPipeline(1, 1, 4);
        long local = reference(one, 1)[0].activationBytes();
        long whole;
        try (ActorRuntime rt = spawn(kit, one, StageFaults.NONE)) {
            whole = rt.step(batch(0), LR, key(0)).activationBytes();
        }
        long split;
        try (ActorRuntime rt = spawn(kit, one.withPipeline(1, 4, 4), StageFaults.NONE)) {
            split = rt.step(batch(0), LR, key(0)).activationBytes();
        }
        long oneAtATime;
        try (ActorRuntime rt = spawn(kit, one.withPipeline(1, 4, 1), StageFaults.NONE)) {
            oneAtATime = rt.step(batch(0), LR, key(0)).activationBytes();
        }
        assertTrue(whole >= 0.9 * local && whole <= 1.6 * local, "actors " + whole + " vs local " + local);
        assertTrue(Math.abs(split - whole) <= 0.1 * whole, "4 micro-batches " + split + " vs 1: " + whole);
        assertTrue(oneAtATime <= split, "one in flight " + oneAtATime + " vs all: " + split);
    }
}
