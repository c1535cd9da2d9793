package dev.dlt.cli;

import dev.dlt.model.UserInputException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns every failure into one {@code dlt: ...} line on stderr and an exit code (see {@link Main}). */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private final PrintWriter err;
    private final BooleanSupplier verbose;

    /** {@code err} is the root command's stderr, also for subcommands added later (they get their own). */
    ErrorHandler(PrintWriter err, BooleanSupplier verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        String command = ex.getCommandLine().getCommandSpec().qualifiedName();
        report(firstLine(ex.getMessage()) + " (see '" + command + " --help')", ex);
        return Main.EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        UserInputException user = userCause(ex);
        if (user != null) {
            report(firstLine(user.getMessage()), ex);
            return Main.EXIT_USAGE;
        }
        if (ex instanceof ParameterException pe) {
            return handleParseException(pe, parsed.originalArgs().toArray(String[]::new));
        }
        String message = ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage());
        report(ex.getClass().getSimpleName() + message
                + (verbose.getAsBoolean() ? "" : " (run with --verbose or DLT_DEBUG=1 for details)"), ex);
        return Main.EXIT_FAILURE;
    }

    private void report(String line, Exception ex) {
        err.println("dlt: " + line);
        if (verbose.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
    }

    /** The UserInputException in the cause chain, if any (actors and futures wrap exceptions). */
    private static UserInputException userCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UserInputException u) {
                return u;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
