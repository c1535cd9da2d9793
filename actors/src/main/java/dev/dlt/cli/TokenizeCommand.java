package dev.dlt.cli;

import dev.dlt.model.UserInputException;
import dev.dlt.model.tokenizer.Tokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlt tokenize}: token ids of each stdin line, space-separated, one output line per input line. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Read text lines on stdin and print their token ids, one line per input line.")
final class TokenizeCommand implements Callable<Integer> {

    @Option(names = "--tokenizer", defaultValue = "gpt2", paramLabel = "NAME",
            description = "Tokenizer name or file (default: ${DEFAULT-VALUE}).")
    String tokenizer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Tokenizer tok = resolveTokenizer(tokenizer);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        // a non-autoflushing writer: tokenizeLines decides when to flush
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(spec.commandLine().getOut()), false);
        tokenizeLines(tok, in, out);
        return Main.EXIT_OK;
    }

    /**
     * TODO(lead): replace with {@code dev.dlt.model.tokenizer.Tokenizers.resolve(name)} once the tokenizer
     * branch is merged (and use its {@code TokenizeLines} in {@link #tokenizeLines} if it does the same).
     */
    static Tokenizer resolveTokenizer(String name) {
        throw new UserInputException("tokenizer '" + name + "' is not available in this build");
    }

    /**
     * Writes the ids of every line of {@code in}; an empty line gives an empty line. Flushes whenever no
     * more input is waiting, so an interactive user sees each answer at once while a file streams fast.
     */
    static void tokenizeLines(Tokenizer tok, BufferedReader in, PrintWriter out) {
        try {
            StringBuilder sb = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                sb.setLength(0);
                for (int id : tok.encode(line)) {
                    sb.append(sb.length() == 0 ? "" : " ").append(id);
                }
                out.println(sb);
                if (!in.ready()) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin", e);
        }
    }
}
