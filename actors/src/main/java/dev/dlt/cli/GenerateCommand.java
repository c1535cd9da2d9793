package dev.dlt.cli;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.UserInputException;
import dev.dlt.model.checkpoint.Checkpoint;
import dev.dlt.model.checkpoint.CheckpointStore;
import dev.dlt.model.generate.Sampler;
import dev.dlt.model.tokenizer.Tokenizer;
import dev.dlt.train.RunFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlt generate CHECKPOINT --prompt TEXT}: sample a continuation, printed as it is drawn. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Sample text from a checkpoint.")
final class GenerateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CHECKPOINT", description = "A run directory (its latest checkpoint) or a step-N directory.")
    Path checkpoint;

    @Option(names = "--prompt", required = true, description = "The text to continue.")
    String prompt;

    @Option(names = "--max-tokens", defaultValue = "200", description = "Tokens to sample (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Softmax temperature (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "200", description = "Keep the k most likely tokens; 0 keeps all (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--seed", defaultValue = "1", description = "The same seed gives the same text (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Sampler.Settings settings;
        try {
            settings = new Sampler.Settings(maxTokens, temperature, topK, seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        Path run = RunFiles.runDirOf(checkpoint);
        try (NDManager root = NDManager.newBaseManager();
             Checkpoint c = CheckpointStore.load(checkpoint, root)) {
            Tokenizer tok = RunFiles.tokenizer(run, c.training().tokenizer());
            int[] ids = tok.encode(prompt);
            if (ids.length == 0) {
                throw new UserInputException("--prompt is empty: give at least one token of text");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(prompt);
            Sampler.generate(c.model(), ids, new Sampler.Settings(maxTokens, temperature, topK, seed, tok.endOfText()),
                    id -> {
                        out.print(tok.decode(new int[] {id}));
                        out.flush();
                    });
            out.println();
            out.flush();
        }
        return Main.EXIT_OK;
    }
}
