package dev.dlt.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.data.Batch;
import java.util.SplittableRandom;

/** Tiny CPU models and batches shared by the model tests. */
public final class TinyModels {

    public static final GptConfig CONFIG = new GptConfig(3, 16, 2, 37, 16, 0.1);

    private TinyModels() {}

    public static Gpt model(NDManager root, TieMap ties, GradientMode mode, long seed) {
        return Gpt.create(CONFIG.withDropout(CONFIG.dropout()), ties, mode, root.newSubManager(), seed);
    }

    public static Gpt model(NDManager root, GptConfig c, TieMap ties, GradientMode mode, long seed) {
        return Gpt.create(c, ties, mode, root.newSubManager(), seed);
    }

    /** A batch of random ids below {@code vocab}, targets shifted by one within a random sequence. */
    public static Batch batch(int b, int t, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] seq = new int[b * (t + 1)];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = r.nextInt(vocab);
        }
        int[] in = new int[b * t];
        int[] out = new int[b * t];
        for (int row = 0; row < b; row++) {
            System.arraycopy(seq, row * (t + 1), in, row * t, t);
            System.arraycopy(seq, row * (t + 1) + 1, out, row * t, t);
        }
        return new Batch(0, b, t, in, out);
    }

    /** The current gradient of a parameter as floats. */
    public static float[] grad(NDArray param) {
        try (NDArray g = param.getGradient()) {
            return g.toFloatArray();
        }
    }

    public static float[] values(NDArray a) {
        return a.toFloatArray();
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " != " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    public static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
