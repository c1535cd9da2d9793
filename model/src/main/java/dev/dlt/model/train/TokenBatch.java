package dev.dlt.model.train;

/**
 * A batch of B rows of T token ids and the ids that follow each one, row-major (B × T). Plain Java arrays,
 * so a batch can cross threads and JVMs; tensors are made from it inside the step that uses it.
 */
public record TokenBatch(int batchSize, int seqLen, int[] inputs, int[] targets) {

    public TokenBatch {
        if (batchSize < 1 || seqLen < 1) {
            throw new IllegalArgumentException("batch needs B >= 1 and T >= 1, got " + batchSize + " x " + seqLen);
        }
        if (inputs.length != batchSize * seqLen || targets.length != batchSize * seqLen) {
            throw new IllegalArgumentException("batch arrays must hold B*T = " + batchSize * seqLen + " ids");
        }
    }

    public long tokens() {
        return (long) batchSize * seqLen;
    }
}
