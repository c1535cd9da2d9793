package dev.dlt.report;

/** Argument checks for the records of this package: programming errors, not user input. */
final class Checks {

    private Checks() {
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
