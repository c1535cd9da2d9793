package dev.dlt.cli;

import dev.dlt.model.tokenizer.TokenizeLines;
import dev.dlt.model.tokenizer.Tokenizer;
import dev.dlt.train.RunData;
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

    @Option(names = "--data", defaultValue = "sotu", paramLabel = "DATA",
            description = "Corpus whose train split a bpe-N tokenizer is trained on (default: ${DEFAULT-VALUE}).")
    String data;

    Tokenizer resolveTokenizer(String name) {
        return RunData.open(data, "auto", name).tokenizer();
    }

    /** Writes the ids of every line of {@code in}; an empty line gives an empty line. */
    static void tokenizeLines(Tokenizer tok, BufferedReader in, PrintWriter out) {
        try {
            TokenizeLines.run(tok, in, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin", e);
        }
    }
}
