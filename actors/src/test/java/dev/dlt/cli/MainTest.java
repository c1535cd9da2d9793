package dev.dlt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.UserInputException;
import dev.dlt.model.tokenizer.Tokenizer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs {@code dlt} in-process and checks exit codes and the exact stdout/stderr. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.execute(args, stream(out), stream(err));
    }

    private static PrintStream stream(ByteArrayOutputStream buf) {
        return new PrintStream(buf, true, StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(MainTest.class.getResource("/runs/" + name).toURI());
    }

    @Test
    void unknownFlagIsOneLineAndExitTwo() {
        assertEquals(2, run("compare", "--bogus", "x"));
        assertEquals(List.of("dlt: Unknown option: '--bogus' (see 'dlt compare --help')"), errLines());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        assertEquals(2, run("trian"));
        assertEquals(1, errLines().size(), errLines().toString());
        assertTrue(errLines().get(0).startsWith("dlt: Unmatched argument"), errLines().toString());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertEquals(List.of("dlt: missing command (see 'dlt --help')"), errLines());
    }

    @Test
    void compareOfAMissingDirectoryIsOneLineAndExitTwo() {
        assertEquals(2, run("compare", "no/such/run"));
        assertEquals(List.of("dlt: no run directory no/such/run"), errLines());
    }

    @Test
    void compareTwoRunsPrintsTheExactMarkdownTable() throws Exception {
        assertEquals(0, run("compare", fixture("dlt").toString(), fixture("conventional").toString()));
        String expected = """
                | run                  | policy       | valid ppl | test ppl | trainable params | layers tied % |   params | gradients | optimizer | activations |     RSS | tokens/s | wall time |
                | -------------------- | ------------ | --------: | -------: | ---------------: | ------------: | -------: | --------: | --------: | ----------: | ------: | -------: | --------: |
                | dlt-sotu-s1          | dlt          |     62.53 |    64.85 |            2.89M |          50.0 | 11.0 MiB |  11.0 MiB |  22.1 MiB |     256 MiB | 1.1 GiB |     2500 |   1:21:55 |
                | conventional-sotu-s1 | conventional |     66.66 |    68.99 |            8.86M |           0.0 | 33.8 MiB |  33.8 MiB |  67.6 MiB |     256 MiB | 1.2 GiB |     2400 |   1:25:20 |
                """;
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionExitsZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("dlt "), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unexpectedFailureIsOneLineExitOneWithoutStackTrace() {
        CommandLine cmd = Main.commandLine(stream(out), stream(err)).addSubcommand(new Crash());
        assertEquals(1, cmd.execute("crash"));
        assertEquals(List.of("dlt: IllegalStateException: boom (run with --verbose or DLT_DEBUG=1 for details)"),
                errLines());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CommandLine cmd = Main.commandLine(stream(out), stream(err)).addSubcommand(new Crash());
        assertEquals(1, cmd.execute("crash", "--verbose"));
        assertEquals("dlt: IllegalStateException: boom", errLines().get(0));
        assertTrue(errLines().size() > 3 && errLines().get(1).contains("IllegalStateException"), errLines().toString());
    }

    @Test
    void wrappedUserInputExceptionIsStillAUsageError() {
        CommandLine cmd = Main.commandLine(stream(out), stream(err)).addSubcommand(new WrappedUserError());
        assertEquals(2, cmd.execute("wrapped"));
        assertEquals(List.of("dlt: --steps must be >= 1, got 0"), errLines());
    }

    @Test
    void tokenizeWithAnUnavailableTokenizerIsAUserError() {
        assertEquals(2, run("tokenize", "--tokenizer", "nope"));
        assertEquals(1, errLines().size());
        assertTrue(errLines().get(0).startsWith("dlt: --tokenizer nope: not "), errLines().get(0));
    }

    @Test
    void tokenizePrintsOneLineOfIdsPerInputLine() {
        StringWriter sw = new StringWriter();
        TokenizeCommand.tokenizeLines(new CodePoints(), new BufferedReader(new StringReader("ab\n\nc d\n")),
                new PrintWriter(sw));
        assertEquals("97 98\n\n99 32 100\n", sw.toString().replace(System.lineSeparator(), "\n"));
    }

    @Command(name = "crash")
    static final class Crash implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("boom");
        }
    }

    @Command(name = "wrapped")
    static final class WrappedUserError implements Runnable {
        @Override
        public void run() {
            throw new RuntimeException(new UserInputException("--steps must be >= 1, got 0"));
        }
    }

    /** A toy tokenizer: one id per code point. */
    static final class CodePoints implements Tokenizer {
        @Override
        public int[] encode(String text) {
            return text.codePoints().toArray();
        }

        @Override
        public String decode(int[] ids) {
            return new String(ids, 0, ids.length);
        }

        @Override
        public int vocabSize() {
            return 0x110000;
        }

        @Override
        public int endOfText() {
            return 0;
        }

        @Override
        public String name() {
            return "codepoints";
        }
    }
}
