package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.util.Locale;

/** The three parts of every corpus: train on one, pick by the second, report the third. */
public enum Split {
    TRAIN, VALID, TEST;

    /** The lower-case name used in file names, logs and the CLI. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code train}, {@code valid} (or {@code validation}) and {@code test}. */
    public static Split parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "train" -> TRAIN;
            case "valid", "validation", "val" -> VALID;
            case "test" -> TEST;
            default -> throw new UserInputException("unknown split '" + s + "' (allowed: train, valid, test)");
        };
    }
}
