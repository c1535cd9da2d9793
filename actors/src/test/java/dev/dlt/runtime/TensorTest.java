package dev.dlt.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Tensors travel as bytes and come back as the same values, shape and type, owned by the receiver. */
class TensorTest {

    @Test
    void valuesAndShapeSurviveTheTrip() {
        try (NDManager a = NDManager.newBaseManager(); NDManager b = NDManager.newBaseManager()) {
            NDArray x = a.randomNormal(0, 1, new Shape(3, 5, 7), DataType.FLOAT32);
            Tensor t = Tensor.of(x);
            NDArray y = t.toArray(b);
            assertArrayEquals(x.getShape().getShape(), y.getShape().getShape());
            assertArrayEquals(x.toFloatArray(), y.toFloatArray());
            x.close(); // the copy does not share the sender's memory
            assertArrayEquals(t.toArray(b).toFloatArray(), y.toFloatArray());
        }
    }

    @Test
    void aScalarAndAnEmptyTensorToo() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {2.5f}, Tensor.of(m.create(2.5f)).toArray(m).toFloatArray());
            NDArray empty = Tensor.of(m.zeros(new Shape(0, 4))).toArray(m);
            assertArrayEquals(new long[] {0, 4}, empty.getShape().getShape());
        }
    }

    @Test
    void aShapeThatDoesNotMatchTheBytesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new long[] {2, 2}, new byte[12]));
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new long[] {-1}, new byte[0]));
    }
}
