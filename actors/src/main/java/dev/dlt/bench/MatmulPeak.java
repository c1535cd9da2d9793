package dev.dlt.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The machine's float32 matrix-multiply throughput, measured with the same engine the trainer uses. */
final class MatmulPeak {

    private MatmulPeak() {}

    /** Best GFLOP/s over a few transformer-shaped products (B·T × C) · (C × 4C) and square ones. */
    static double gflops(NDManager m, int rowsBt, int width) {
        long[][] shapes = {{rowsBt, width, 4L * width}, {rowsBt, 4L * width, width}, {1024, 1024, 1024}};
        double best = 0;
        for (long[] s : shapes) {
            best = Math.max(best, measure(m, s[0], s[1], s[2]));
        }
        return best;
    }

    private static double measure(NDManager parent, long rows, long inner, long cols) {
        try (NDManager m = parent.newSubManager()) {
            NDArray a = m.randomNormal(0, 1, new Shape(rows, inner), DataType.FLOAT32);
            NDArray b = m.randomNormal(0, 1, new Shape(inner, cols), DataType.FLOAT32);
            for (int i = 0; i < 3; i++) {
                a.matMul(b).close();
            }
            int reps = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 1_500_000_000L) {
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0); // wait for the result
                }
                reps++;
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            return 2.0 * rows * inner * cols * reps / sec / 1e9;
        }
    }
}
