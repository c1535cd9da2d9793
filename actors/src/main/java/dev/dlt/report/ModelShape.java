package dev.dlt.report;

/** The model and batch dimensions a run trained with, as recorded in {@code results.json}. */
public record ModelShape(int layers, int width, int heads, int vocab, int seqLen, int batch) {

    public ModelShape {
        Checks.require(layers >= 1, "layers must be >= 1, got " + layers);
        Checks.require(width >= 1 && heads >= 1 && vocab >= 1 && seqLen >= 1 && batch >= 1,
                "width, heads, vocab, seqLen and batch must be >= 1");
    }
}
