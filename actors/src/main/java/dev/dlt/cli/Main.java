package dev.dlt.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code dlt} command line. Exit codes: 0 success, 2 bad input (an unknown flag, a missing file, a
 * {@link dev.dlt.model.UserInputException}), 1 anything else. Errors are one line {@code dlt: <message>}
 * on stderr; the stack trace follows only with {@code --verbose} or {@code DLT_DEBUG=1}. stdout carries
 * only the command's output (token ids, tables), so it can be piped.
 *
 * <p>To add a command, list its class in {@code subcommands} below.
 */
@Command(name = "dlt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train transformer language models with Dynamic Layer Tying (Hay & Wolf, ICLR 2024).",
        subcommands = {TrainCommand.class, EvalCommand.class, GenerateCommand.class, ExportCommand.class,
                BenchCommand.class, TokenizeCommand.class, CompareCommand.class, PlotCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace too (or set DLT_DEBUG=1).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs {@code dlt args} with the given streams and returns the exit code; never calls System.exit. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The configured command line (error handling, streams); tests may add subcommands to it. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        Main main = new Main();
        CommandLine cmd = new CommandLine(main);
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        cmd.setErr(errWriter);
        ErrorHandler handler = new ErrorHandler(errWriter, () -> main.verbose || "1".equals(System.getenv("DLT_DEBUG")));
        cmd.setParameterExceptionHandler(handler);
        cmd.setExecutionExceptionHandler(handler);
        return cmd;
    }
}
