package dev.dlt.model.data;

import java.util.Objects;

/**
 * One document of a corpus: the unit between two end-of-text tokens.
 *
 * @param title a short human label (an article title, "1790 George Washington", a file name); may be empty
 * @param text  the text as published, never null
 */
public record Document(String title, String text) {
    public Document {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }
}
