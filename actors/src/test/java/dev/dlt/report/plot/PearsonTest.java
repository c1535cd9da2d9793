package dev.dlt.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PearsonTest {

    @Test
    void knownVectors() {
        float[] x = {1, 2, 3, 4, 5};
        assertEquals(1.0, Pearson.correlation(x, new float[] {2, 4, 6, 8, 10}), 1e-12);
        assertEquals(-1.0, Pearson.correlation(x, new float[] {5, 4, 3, 2, 1}), 1e-12);
        float[] y = {2, 1, 4, 3, 7};
        // by hand: mean x 3, mean y 3.4; sum dx*dy = 12, sum dx^2 = 10, sum dy^2 = 21.2
        assertEquals(12 / Math.sqrt(10 * 21.2), Pearson.correlation(x, y), 1e-9);
        assertEquals(0.0, Pearson.correlation(new float[] {1, 2, 3}, new float[] {1, 0, 1}), 1e-12);
    }

    @Test
    void constantVectorHasNoCorrelation() {
        assertTrue(Double.isNaN(Pearson.correlation(new float[] {1, 1, 1}, new float[] {1, 2, 3})));
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> Pearson.correlation(new float[3], new float[4]));
    }

    @Test
    void matrixIsSymmetricWithUnitDiagonal() {
        double[][] m = Pearson.matrix(List.of(new float[] {1, 2, 3}, new float[] {3, 2, 1}, new float[] {1, 3, 2}));
        assertEquals(1.0, m[1][1]);
        assertEquals(-1.0, m[0][1], 1e-12);
        assertEquals(m[2][0], m[0][2]);
        assertEquals(0.5, m[0][2], 1e-12);
    }
}
