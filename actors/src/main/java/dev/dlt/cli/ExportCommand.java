package dev.dlt.cli;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.UserInputException;
import dev.dlt.model.checkpoint.Checkpoint;
import dev.dlt.model.checkpoint.CheckpointStore;
import dev.dlt.model.checkpoint.Gpt2Export;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlt export CHECKPOINT --format gpt2-safetensors --out FILE|DIR/}: a model other tools load. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a checkpoint as GPT-2 safetensors (tied layers materialised, Hugging Face names).")
final class ExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CHECKPOINT", description = "A run directory (its latest checkpoint) or a step-N directory.")
    Path checkpoint;

    @Option(names = "--format", defaultValue = "gpt2-safetensors", description = "gpt2-safetensors (the only format)")
    String format;

    @Option(names = "--out", required = true,
            description = "A .safetensors file, or a directory (ending in /) for model.safetensors + config.json.")
    String out;

    @Option(names = "--lm-head", description = "Also write lm_head.weight (equal to wte.weight).")
    boolean lmHead;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("gpt2-safetensors")) {
            throw new UserInputException("unknown --format '" + format + "': expected gpt2-safetensors");
        }
        Path target = Path.of(out);
        boolean directory = out.endsWith("/") || Files.isDirectory(target);
        Path written = directory ? target.resolve("model.safetensors") : target;
        if (Files.exists(written)) {
            throw new UserInputException(written + " already exists; choose another --out");
        }
        try (NDManager root = NDManager.newBaseManager();
             Checkpoint c = CheckpointStore.load(checkpoint, root)) {
            if (directory) {
                Gpt2Export.writeDirectory(c.model(), target);
            } else {
                Gpt2Export.write(c.model(), target, lmHead);
            }
        }
        spec.commandLine().getErr().println("[dlt] wrote " + written);
        return Main.EXIT_OK;
    }
}
