package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The dataset layouts dlt reads; {@code --format} takes the labels. */
public enum DataFormat {
    /** The embedded State of the Union addresses (the default corpus). */
    SOTU("sotu"),
    /** WikiText-2 / WikiText-103: {@code wiki.{train,valid,test}.tokens} or {@code .raw}. */
    WIKITEXT("wikitext"),
    /** LAMBADA: {@code lambada_test_plain_text.txt} or {@code lambada_test.jsonl}; evaluation only. */
    LAMBADA("lambada"),
    /** One Billion Words: the {@code *-monolingual.tokenized.shuffled} shard folders. */
    BILLION_WORDS("1bw"),
    /** Any text file (documents = paragraphs) or folder of {@code .txt} files (documents = files). */
    TEXT("text");

    private final String label;

    DataFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a label; also accepts {@code billion-words} and {@code txt}. */
    public static DataFormat parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        if (k.equals("billion-words") || k.equals("lm1b")) return BILLION_WORDS;
        if (k.equals("txt") || k.equals("plain")) return TEXT;
        for (DataFormat f : values()) {
            if (f.label.equals(k)) return f;
        }
        String allowed = Arrays.stream(values()).map(DataFormat::label).collect(Collectors.joining(", "));
        throw new UserInputException("unknown data format '" + s + "' (allowed: " + allowed + ")");
    }
}
