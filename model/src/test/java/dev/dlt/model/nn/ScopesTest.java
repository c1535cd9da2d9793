package dev.dlt.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.memory.ActivationMeter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scoped piece of a forward pass frees its intermediates, counts them, and still backpropagates exactly. */
class ScopesTest {

    @Test
    void intermediatesAreFreedAndCountedAndGradientsStayExact() {
        try (NDManager step = NDManager.newBaseManager()) {
            Autograd.gradMode(true);
            NDArray x = step.create(new float[] {1, 2, 3, 4}, new Shape(4));
            x.setRequiresGradient(true);
            List<NDArray> seen = new ArrayList<>();
            ActivationMeter meter = new ActivationMeter();
            NDArray y = Scopes.freeIntermediates(x, meter, in -> {
                NDArray squared = in.mul(in);
                seen.add(squared);
                NDArray shifted = squared.add(Ops.scalar(squared, 1f));
                seen.add(shifted);
                return shifted.mul(Ops.scalar(shifted, 3f));
            });
            assertSame(step, y.getManager(), "the result goes back to the caller's manager");
            assertSame(step, x.getManager(), "the input goes back too");
            assertTrue(seen.stream().allMatch(NDArray::isReleased), "the intermediates' handles are freed");
            assertEquals(2 * 4 * 4 + 2 * 4, meter.bytes(), "two (4) float intermediates and two scalars");
            Autograd.backward(y.sum());
            assertArrayEquals(new float[] {6, 12, 18, 24}, x.getGradient().toFloatArray(), "d/dx 3(x²+1) = 6x");
        } finally {
            Autograd.gradMode(false);
        }
    }
}
