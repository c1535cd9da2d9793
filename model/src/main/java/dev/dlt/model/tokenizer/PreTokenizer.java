package dev.dlt.model.tokenizer;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenization: splits text into words that BPE merges never cross. The pattern is GPT-2's
 * verbatim; {@code UNICODE_CHARACTER_CLASS} makes {@code \s} mean Unicode White_Space, as in the Rust
 * implementations (tiktoken, HuggingFace tokenizers). Contractions are case-sensitive, as in GPT-2.
 */
final class PreTokenizer {

    private static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private PreTokenizer() {
    }

    /** Calls {@code word} for each pre-token of {@code text}, in order; together they are exactly the text. */
    static void forEachWord(String text, Consumer<String> word) {
        Matcher m = GPT2.matcher(text);
        while (m.find()) {
            word.accept(m.group());
        }
    }
}
