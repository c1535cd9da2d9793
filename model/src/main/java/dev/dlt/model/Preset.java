package dev.dlt.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Named model sizes. The GPT-2 family as published, and two CPU sizes: {@code tiny} for tests and
 * {@code small} for the default job. Vocabulary size comes from the tokenizer, so it is not part of a
 * preset.
 */
public enum Preset {
    TINY("tiny", 2, 32, 2, 64),
    SMALL("small", 12, 256, 4, 256),
    GPT2("gpt2", 12, 768, 12, 1024),
    GPT2_MEDIUM("gpt2-medium", 24, 1024, 16, 1024),
    GPT2_LARGE("gpt2-large", 36, 1280, 20, 1024),
    GPT2_XL("gpt2-xl", 48, 1600, 25, 1024);

    private final String id;
    public final int layers;
    public final int width;
    public final int heads;
    public final int blockSize;

    Preset(String id, int layers, int width, int heads, int blockSize) {
        this.id = id;
        this.layers = layers;
        this.width = width;
        this.heads = heads;
        this.blockSize = blockSize;
    }

    public String id() {
        return id;
    }

    public GptConfig config(int vocabSize, double dropout) {
        return new GptConfig(layers, width, heads, vocabSize, blockSize, dropout);
    }

    public static Preset parse(String name) {
        for (Preset p : values()) {
            if (p.id.equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new UserInputException("unknown preset '" + name + "': expected one of "
                + Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", ")));
    }
}
