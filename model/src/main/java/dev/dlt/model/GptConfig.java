package dev.dlt.model;

/**
 * Shape of a GPT-2-style decoder. Validated on construction; the checkpoint carries the config that made
 * it.
 *
 * @param layers     number of transformer blocks L
 * @param width      model width C (d_model)
 * @param heads      attention heads; must divide {@code width}
 * @param vocabSize  rows of the token embedding (and of the tied LM head)
 * @param blockSize  longest sequence the position embedding covers
 * @param dropout    dropout probability on embeddings, attention weights and residual branches
 */
public record GptConfig(int layers, int width, int heads, int vocabSize, int blockSize, double dropout) {

    /** LayerNorm epsilon, as in GPT-2. */
    public static final float LAYER_NORM_EPS = 1e-5f;
    /** Standard deviation of GPT-2's weight initialisation. */
    public static final float INIT_STD = 0.02f;
    /** Hidden width of the MLP relative to the model width. */
    public static final int MLP_RATIO = 4;

    public GptConfig {
        require(layers >= 1 && layers <= 1024, "layers must be in [1, 1024], got " + layers);
        require(width >= 1 && width <= 65536, "width must be in [1, 65536], got " + width);
        require(heads >= 1, "heads must be at least 1, got " + heads);
        require(width % heads == 0, "width " + width + " is not divisible by heads " + heads);
        require(vocabSize >= 2, "vocabulary size must be at least 2, got " + vocabSize);
        require(blockSize >= 1, "block size must be at least 1, got " + blockSize);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserInputException("invalid model config: " + message);
        }
    }

    public int headDim() {
        return width / heads;
    }

    public GptConfig withVocabSize(int v) {
        return new GptConfig(layers, width, heads, v, blockSize, dropout);
    }

    public GptConfig withDropout(double p) {
        return new GptConfig(layers, width, heads, vocabSize, blockSize, p);
    }

    /** Parameters of one transformer block: two LayerNorms, attention and the MLP, with biases. */
    public long blockParameters() {
        long c = width;
        long hidden = MLP_RATIO * c;
        return 2 * (2 * c) + (3 * c * c + 3 * c) + (c * c + c) + (hidden * c + hidden) + (c * hidden + c);
    }

    /** Parameters outside the blocks: token and position embeddings and the final LayerNorm. */
    public long sharedParameters() {
        return (long) vocabSize * width + (long) blockSize * width + 2L * width;
    }
}
