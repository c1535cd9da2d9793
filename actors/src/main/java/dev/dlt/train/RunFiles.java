package dev.dlt.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.dlt.model.UserInputException;
import dev.dlt.model.checkpoint.CheckpointStore;
import dev.dlt.model.tokenizer.ByteLevelBpe;
import dev.dlt.model.tokenizer.Tokenizer;
import dev.dlt.model.tokenizer.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a run directory holds besides logs, so that {@code eval}, {@code generate} and {@code export} need
 * nothing else: the resolved settings ({@code config.conf}) and, for trained vocabularies, the tokenizer
 * itself ({@code tokenizer/encoder.json} + {@code vocab.bpe}).
 */
public final class RunFiles {

    public static final String CONFIG = "config.conf";
    public static final String TOKENIZER = "tokenizer";

    private RunFiles() {}

    /** The run directory a checkpoint path belongs to ({@code RUN/checkpoints/step-N} → {@code RUN}). */
    public static Path runDirOf(Path checkpointPath) {
        Path step = CheckpointStore.resolve(checkpointPath).toAbsolutePath();
        Path parent = step.getParent();
        return parent != null && parent.getFileName().toString().equals(CheckpointStore.DIR) ? parent.getParent() : parent;
    }

    /** The run's resolved settings, or an empty config when the run has none. */
    public static Config savedConfig(Path runDir) {
        Path file = runDir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            return ConfigFactory.empty();
        }
        try {
            return ConfigFactory.parseFile(file.toFile());
        } catch (ConfigException e) {
            throw new UserInputException("config file " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Keeps a trained vocabulary beside the run so that the run is self-contained. */
    public static void saveTokenizer(Path runDir, Tokenizer t) {
        if (t instanceof ByteLevelBpe bpe && !t.name().equals("gpt2")) {
            try {
                bpe.save(runDir.resolve(TOKENIZER));
            } catch (IOException e) {
                throw new UserInputException("cannot write " + runDir.resolve(TOKENIZER) + ": " + e.getMessage(), e);
            }
        }
    }

    /** The tokenizer a run was trained with: its saved vocabulary, else the name ({@code gpt2}, {@code bytes}). */
    public static Tokenizer tokenizer(Path runDir, String name) {
        Path saved = runDir.resolve(TOKENIZER);
        if (Files.isDirectory(saved)) {
            return ByteLevelBpe.load(saved, name);
        }
        return Tokenizers.resolve(name, () -> {
            throw new UserInputException("the tokenizer " + name + " of " + runDir + " is not saved with the run");
        }, RunData.tokenizerCache());
    }
}
