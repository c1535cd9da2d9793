package dev.dlt.model.memory;

import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.Param;
import dev.dlt.model.optim.AdamW;

/**
 * Training memory by category, counted from the tensors that exist — not estimated from the config.
 * A tied layer holds no tensors of its own, so it adds nothing to any category here.
 *
 * @param parameterBytes      the model's trainable tensors, each counted once
 * @param gradientBytes       one gradient per trainable tensor (PyTorch keeps a {@code .grad} for each)
 * @param optimizerStateBytes AdamW's first and second moments
 * @param activationPeakBytes the largest total of tensors a step held at the end of its forward pass
 */
public record MemoryLedger(long parameterBytes, long gradientBytes, long optimizerStateBytes,
                           long activationPeakBytes) {

    /** Counts a model and its optimizer now; the activation peak is measured by the caller. */
    public static MemoryLedger of(Gpt model, AdamW optimizer, long activationPeakBytes) {
        long params = 0;
        for (Param p : model.parameters()) {
            params += p.array().size() * p.array().getDataType().getNumOfBytes();
        }
        long optimizerBytes = optimizer == null ? 0 : optimizer.stateBytes();
        return new MemoryLedger(params, params, optimizerBytes, activationPeakBytes);
    }

    /** Parameters, gradients and optimizer state: what grows with the number of independent layers. */
    public long trainingStateBytes() {
        return parameterBytes + gradientBytes + optimizerStateBytes;
    }
}
