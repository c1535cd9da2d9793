package dev.dlt.model.tokenizer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of a GPT-2-layout vocabulary as written on disk: {@code encoder} is {@code encoder.json}
 * (token in {@link ByteUnicode} form → id) and {@code merges} is {@code vocab.bpe} without its
 * {@code #version} header, in rank order, each merge two tokens. Not validated against each other here:
 * {@link ByteLevelBpe} checks that every merge refers to known tokens.
 */
record Gpt2Layout(Map<String, Integer> encoder, List<Merge> merges) {

    /** One line of {@code vocab.bpe}: {@code left + right} is the merged token. */
    record Merge(String left, String right) {
        Merge {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    Gpt2Layout {
        encoder = Map.copyOf(encoder);
        merges = List.copyOf(merges);
    }
}
