package dev.dlt.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Param;
import java.util.List;

/** Clipping by global gradient norm, folded into the update as a scale factor. */
public final class GradClip {

    private GradClip() {}

    /** The factor that brings a gradient of norm {@code norm} to at most {@code maxNorm}. Pure. */
    public static double scale(double norm, double maxNorm) {
        if (maxNorm <= 0 || !(norm > maxNorm)) {
            return 1.0;
        }
        return maxNorm / (norm + 1e-6);
    }

    /** The L2 norm of all parameters' gradients together, summed on the device and read back once. */
    public static double globalNorm(List<Param> params) {
        if (params.isEmpty()) {
            return 0;
        }
        boolean grad = Autograd.isGradMode();
        Autograd.gradMode(false);
        try (NDManager scratch = params.get(0).array().getManager().newSubManager()) {
            NDArray total = null;
            for (Param p : params) {
                NDArray g = p.array().getGradient();
                g.attach(scratch);
                NDArray sq = g.square().sum();
                total = total == null ? sq : total.add(sq);
            }
            return Math.sqrt(total.getFloat());
        } finally {
            Autograd.gradMode(grad);
        }
    }

    /** Names of the parameters whose gradient holds a NaN or an infinity (for an error message). */
    public static List<String> nonFinite(List<Param> params) {
        List<String> bad = new java.util.ArrayList<>();
        try (NDManager scratch = params.get(0).array().getManager().newSubManager()) {
            for (Param p : params) {
                NDArray g = p.array().getGradient();
                g.attach(scratch);
                float sum = g.abs().sum().getFloat();
                if (!Float.isFinite(sum)) {
                    bad.add(p.name() + " (" + g.isNaN().sum().getLong() + " NaN of " + g.size() + ")");
                }
            }
        }
        return bad;
    }
}
