package dev.dlt.model.nn;

import static dev.dlt.model.nn.TinyModels.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.optim.GradClip;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import org.junit.jupiter.api.Test;

/**
 * Regression: scalars in the recorded graph (GELU's constants, the attention scale) were Java direct
 * buffers that the garbage collector could free before backward read them, giving NaN gradients whenever
 * a GC ran inside a step. With a thread forcing GCs, the gradients must equal those of a quiet run.
 */
class GcPressureTest {

    private static double gradNorm(boolean pressure) throws InterruptedException {
        Thread gc = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        gc.setDaemon(true);
        if (pressure) {
            gc.start();
        }
        try (NDManager root = NDManager.newBaseManager()) {
            Gpt model = model(root, TieMap.of(0, 1, 0), GradientMode.SHARED, 5);
            for (int k = 0; k < 3; k++) {
                TrainingStep.forwardBackward(model, batch(4, 16, CONFIG.vocabSize(), k), 99L + k);
            }
            return GradClip.globalNorm(model.parameters());
        } finally {
            gc.interrupt();
            gc.join();
        }
    }

    @Test
    void gradientsSurviveGarbageCollectionDuringAStep() throws InterruptedException {
        double quiet = gradNorm(false);
        double pressed = gradNorm(true);
        assertTrue(Double.isFinite(quiet) && quiet > 0, "quiet norm " + quiet);
        assertEquals(quiet, pressed, 1e-6 * quiet, "gradient norm under GC pressure");
    }
}
