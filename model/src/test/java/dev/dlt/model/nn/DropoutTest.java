package dev.dlt.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.index.NDIndex;
import org.junit.jupiter.api.Test;

/** Dropout masks are keyed per batch row, so any split of a batch into micro-batches draws the same masks. */
class DropoutTest {

    private static final long STEP = Dropout.stepKey(1337, 5);

    @Test
    void aSliceOfTheBatchGetsTheRowsOfTheWholeBatchsMask() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(6, 3, 40));
            float[] whole = Dropout.apply(x, 0.5, true, Dropout.Key.of(STEP), 2, Dropout.Site.MLP_OUT).toFloatArray();
            NDArray rows2to5 = x.get(new NDIndex("2:5"));
            float[] slice = Dropout.apply(rows2to5, 0.5, true, new Dropout.Key(STEP, 2), 2, Dropout.Site.MLP_OUT)
                    .toFloatArray();
            float[] expected = new float[slice.length];
            System.arraycopy(whole, 2 * 3 * 40, expected, 0, expected.length);
            assertArrayEquals(expected, slice);
            assertTrue(count(whole, 0f) > 0 && count(whole, 2f) > 0, "about half dropped, the rest scaled by 2");
        }
    }

    @Test
    void rowsLayersAndSitesGetDifferentMasks() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(2, 64));
            float[] both = Dropout.apply(x, 0.5, true, Dropout.Key.of(STEP), 0, Dropout.Site.MLP_OUT).toFloatArray();
            float[] row0 = java.util.Arrays.copyOfRange(both, 0, 64);
            float[] row1 = java.util.Arrays.copyOfRange(both, 64, 128);
            assertFalse(java.util.Arrays.equals(row0, row1));
            float[] otherLayer = Dropout.apply(x, 0.5, true, Dropout.Key.of(STEP), 1, Dropout.Site.MLP_OUT).toFloatArray();
            float[] otherSite = Dropout.apply(x, 0.5, true, Dropout.Key.of(STEP), 0, Dropout.Site.ATTENTION_OUT).toFloatArray();
            assertFalse(java.util.Arrays.equals(both, otherLayer));
            assertFalse(java.util.Arrays.equals(both, otherSite));
        }
    }

    @Test
    void evaluationAndZeroProbabilityLeaveTheInputAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(2, 8));
            assertSame(x, Dropout.apply(x, 0.5, false, Dropout.Key.of(STEP), 0, Dropout.Site.MLP_OUT));
            assertSame(x, Dropout.apply(x, 0.0, true, Dropout.Key.of(STEP), 0, Dropout.Site.MLP_OUT));
            assertThrows(IllegalArgumentException.class, () -> new Dropout.Key(STEP, -1));
        }
    }

    private static int count(float[] a, float v) {
        int n = 0;
        for (float f : a) {
            n += f == v ? 1 : 0;
        }
        return n;
    }
}
