package dev.dlt.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.data.Batch;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.memory.ActivationMeter;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.Param;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.optim.GradClip;
import java.util.List;

/**
 * One optimisation step of a {@link Gpt} on the calling thread: forward, loss, backward, clip, AdamW.
 * Every intermediate lives in a step manager closed before the optimizer runs.
 */
public final class TrainingStep {

    /** What one step measured. */
    public record Result(double loss, double gradNorm, long activationBytes) {}

    private TrainingStep() {}

    /** Forward and backward only: gradients accumulate into the parameters; returns the loss. */
    public static Result forwardBackward(Gpt model, Batch batch, long stepKey) {
        Autograd.gradMode(true);
        try (NDManager step = model.manager().newSubManager()) {
            NDArray ids = ids(step, batch.inputs(), batch);
            NDArray targets = ids(step, batch.targets(), batch);
            ActivationMeter meter = new ActivationMeter();
            NDArray loss = model.loss(ids, targets, true, stepKey, meter);
            long activations = meter.bytes() + ActivationMeter.liveBytes(step);
            Autograd.backward(loss);
            return new Result(loss.getFloat(), Double.NaN, activations);
        } finally {
            Autograd.gradMode(false);
        }
    }

    /** A full step; the learning rate comes from the caller's schedule. */
    public static Result run(Gpt model, AdamW optimizer, Batch batch, double lr, double clipNorm,
                             long stepKey) {
        Result fb = forwardBackward(model, batch, stepKey);
        List<Param> params = model.parameters();
        double norm = GradClip.globalNorm(params);
        if (!Double.isFinite(norm)) {
            throw new IllegalStateException("non-finite gradient norm " + norm + " in " + GradClip.nonFinite(params)
                    + " (loss " + fb.loss() + ")");
        }
        optimizer.step(params, lr, GradClip.scale(norm, clipNorm));
        return new Result(fb.loss(), norm, fb.activationBytes());
    }

    /** Mean loss of a batch without gradients (evaluation). */
    public static double evaluate(Gpt model, Batch batch) {
        boolean grad = Autograd.isGradMode();
        Autograd.gradMode(false);
        try (NDManager step = model.manager().newSubManager()) {
            NDArray ids = ids(step, batch.inputs(), batch);
            NDArray targets = ids(step, batch.targets(), batch);
            return model.loss(ids, targets, false, 0L).getFloat();
        } finally {
            Autograd.gradMode(grad);
        }
    }

    /** (B, T) int64 ids on the model's device, owned by {@code m}. */
    public static NDArray ids(NDManager m, int[] values, Batch b) {
        return m.create(values, new Shape(b.batchSize(), b.seqLen())).toType(DataType.INT64, false);
    }
}
