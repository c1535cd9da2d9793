package dev.dlt.model.data;

/**
 * One batch of next-token examples, row-major (B, T): {@code targets[r*T + t]} is the token after
 * {@code inputs[r*T + t]}. Arrays are shared, not copied: treat them as read-only.
 *
 * @param step      the training step this batch belongs to (for evaluation: the batch's index)
 * @param batchSize B, the number of rows (an evaluation's last batch may have fewer than the others)
 * @param seqLen    T, tokens per row
 */
public record Batch(long step, int batchSize, int seqLen, int[] inputs, int[] targets) {
    public Batch {
        if (step < 0) throw new IllegalArgumentException("step " + step + " < 0");
        if (batchSize < 1 || seqLen < 1) throw new IllegalArgumentException("shape (" + batchSize + ", " + seqLen + ")");
        long n = (long) batchSize * seqLen;
        if (inputs.length != n || targets.length != n) {
            throw new IllegalArgumentException("inputs/targets length " + inputs.length + "/" + targets.length
                    + " != B*T = " + n);
        }
    }

    /** The number of target tokens, B × T. */
    public int tokens() {
        return batchSize * seqLen;
    }
}
