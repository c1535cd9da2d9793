package dev.dlt.model.optim;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimTest {

    @Test
    void adamWMatchesTheFormulaForTwoSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, -2f});
            w.setRequiresGradient(true);
            AdamW opt = new AdamW(new AdamW.Settings(0.9, 0.999, 1e-8, 0.1), m.newSubManager());
            double[] p = {1, -2};
            double[] mm = new double[2];
            double[] vv = new double[2];
            double lr = 0.01;
            for (int t = 1; t <= 2; t++) {
                Autograd.gradMode(true);
                NDArray loss = w.mul(w).sum().mul(0.5f * t); // grad = t * w
                Autograd.backward(loss);
                Autograd.gradMode(false);
                double scale = 0.5;
                for (int i = 0; i < 2; i++) {
                    double g = t * p[i] * scale;
                    mm[i] = 0.9 * mm[i] + 0.1 * g;
                    vv[i] = 0.999 * vv[i] + 0.001 * g * g;
                    p[i] *= 1 - lr * 0.1;
                    p[i] -= lr * (mm[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(vv[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                }
                opt.step(List.of(new Param("w", w, true)), lr, scale);
            }
            float[] got = w.toFloatArray();
            assertEquals(p[0], got[0], 1e-6);
            assertEquals(p[1], got[1], 1e-6);
            assertEquals(2, opt.stepCount());
            try (NDArray g = w.getGradient()) {
                assertArrayEquals(new float[] {0, 0}, g.toFloatArray(), 0f, "step zeroes the gradient");
            }
        }
    }

    @Test
    void noWeightDecayOnBiasesAndNorms() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {3f});
            w.setRequiresGradient(true);
            AdamW opt = new AdamW(new AdamW.Settings(0.9, 0.999, 1e-8, 0.5), m.newSubManager());
            opt.step(List.of(new Param("b", w, false)), 0.1, 1.0); // zero gradient, no decay: unchanged
            assertEquals(3f, w.toFloatArray()[0], 0f);
            opt.step(List.of(new Param("w", w, true)), 0.1, 1.0);
            assertEquals(3f * (1 - 0.1 * 0.5), w.toFloatArray()[0], 1e-6);
        }
    }

    @Test
    void clipScaleBringsTheNormToTheLimit() {
        assertEquals(1.0, GradClip.scale(0.5, 1.0));
        assertEquals(0.25, GradClip.scale(4.0, 1.0), 1e-6);
        assertEquals(1.0, GradClip.scale(4.0, 0.0), "0 disables clipping");
    }

    @Test
    void warmupThenCosineToTheFloor() {
        LrSchedule s = new LrSchedule(1e-3, 1e-4, 10, 110);
        assertEquals(1e-4, s.at(0), 1e-12);
        assertEquals(1e-3, s.at(9), 1e-12);
        assertEquals(1e-3, s.at(10), 1e-12);
        assertEquals(5.5e-4, s.at(60), 1e-12);
        assertEquals(1e-4, s.at(110), 1e-12);
        assertEquals(1e-4, s.at(500), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(1e-3, 1e-2, 0, 10));
    }
}
