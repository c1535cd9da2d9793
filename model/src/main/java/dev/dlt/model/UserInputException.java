package dev.dlt.model;

/**
 * Bad input from the user — a malformed config, a missing or corrupt file, an invalid tie, an impossible
 * size. The message is one line that names the problem; the CLI prints it alone on stderr and exits
 * non-zero, without a stack trace.
 */
public class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
