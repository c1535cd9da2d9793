package dev.dlt.model.tokenizer;

/**
 * Text to token ids and back. Implementations are immutable and thread-safe once built.
 */
public interface Tokenizer {

    /** Token ids of {@code text}; never null, possibly empty. */
    int[] encode(String text);

    /** The text of {@code ids}; the inverse of {@link #encode} for byte-level tokenizers. */
    String decode(int[] ids);

    /** Number of distinct ids: every id is in {@code [0, vocabSize())}. */
    int vocabSize();

    /** The id that separates documents ({@code <|endoftext|>} in GPT-2: 50256). */
    int endOfText();

    /** A short stable name, recorded in results and checkpoints (for example {@code gpt2}). */
    String name();
}
