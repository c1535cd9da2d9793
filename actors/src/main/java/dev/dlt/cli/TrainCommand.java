package dev.dlt.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import dev.dlt.model.UserInputException;
import dev.dlt.model.checkpoint.CheckpointStore;
import dev.dlt.report.RunDirectory;
import dev.dlt.report.RunResult;
import dev.dlt.report.SummaryTable;
import dev.dlt.report.plot.CorrelationHeatMap;
import dev.dlt.report.plot.Plots;
import dev.dlt.train.Trainer;
import dev.dlt.train.RunControl;
import dev.dlt.train.StopRequest;
import dev.dlt.train.RunFiles;
import dev.dlt.train.RunRecorder;
import dev.dlt.train.RuntimeKind;
import dev.dlt.train.TrainOutcome;
import dev.dlt.train.TrainSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlt train}: flags and an optional experiment file become one HOCON config, read once into
 * {@link TrainSettings}; the run writes logs, checkpoints, {@code results.json} and plots into its own
 * directory, together with the resolved config ({@code config.conf}) that {@code --resume} reads back.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GPT-2-style model, with dynamic layer tying or a fixed tie pattern.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "An experiment file (HOCON) whose dlt.train keys override the defaults.")
    Path config;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its latest checkpoint, with its own settings.")
    Path resume;

    @Option(names = "--stop-after", paramLabel = "N", defaultValue = "0",
            description = "Pause after N steps in total: save a checkpoint and exit; continue with --resume.")
    long stopAfter;

    @Option(names = "--runtime", paramLabel = "local|actors",
            description = "local: one thread drives the model (the reference); actors: the Pekko pipeline of layer-group actors"
                    + " (default: dlt.train.runtime, local). Both write and resume the same checkpoints; --resume keeps the"
                    + " run's runtime unless this is given.")
    String runtime;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (runtime != null) {
            RuntimeKind.parse(runtime); // a bad value fails before anything is read
        }
        if (stopAfter < 0) {
            throw new UserInputException("--stop-after must be >= 0, got " + stopAfter);
        }
        Config resolved = resolveConfig();
        if (runtime != null) {
            resolved = ConfigFactory.parseMap(Map.of("dlt.train.runtime", runtime)).withFallback(resolved);
        }
        RuntimeKind rt = RuntimeKind.parse(resolved.hasPath("dlt.train.runtime")
                ? resolved.getString("dlt.train.runtime") : "local"); // runs saved before the key existed
        TrainSettings settings = TrainSettings.from(resolved);
        Path out = resume != null ? resume : settings.out() != null ? settings.out() : defaultOut(settings);
        Path checkpoint = null;
        if (resume != null) {
            checkpoint = new CheckpointStore(out, settings.keepCheckpoints()).latestPath().orElseThrow(() ->
                    new UserInputException("cannot resume " + out + ": it has no checkpoint"));
        } else {
            RunDirectory.refuseExisting(out);
        }
        Trainer trainer = new Trainer(settings); // data, tokenizer and shapes checked here
        RunDirectory dir = RunDirectory.prepare(out, resume != null);
        writeConfig(dir.path(), resolved);
        RunFiles.saveTokenizer(dir.path(), trainer.tokenizer());
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        TrainOutcome outcome;
        StopRequest stop = new StopRequest();
        RunControl control = new RunControl(new CheckpointStore(dir.path(), settings.keepCheckpoints()), checkpoint,
                stopAfter, rt, stop);
        RunRecorder recorder = new RunRecorder(dir, err, trainer.plannedSteps());
        // Ctrl-C from here on pauses at the next step boundary; the hook holds the JVM until this returns
        try (PauseOnInterrupt hook = PauseOnInterrupt.install(stop, err)) {
            try (recorder) {
                outcome = trainer.run(recorder, control);
            }
            if (outcome.paused()) {
                err.println("[dlt] paused at step " + outcome.steps() + "; continue with: dlt train --resume "
                        + dir.path());
                err.flush();
                return Main.EXIT_OK;
            }
            report(dir, settings, outcome, recorder, (System.nanoTime() - t0) / 1e9);
            return Main.EXIT_OK;
        }
    }

    private void report(RunDirectory dir, TrainSettings settings, TrainOutcome outcome, RunRecorder recorder,
                        double wallSec) {
        RunResult result = RunResults.of(dir.path().getFileName().toString(), settings, outcome,
                recorder.decisions(), wallSec);
        dir.writeResults(result);
        Plots.drawRun(dir.path());
        if (outcome.mlpCorrelation().labels().size() >= 2) {
            CorrelationHeatMap.write(outcome.mlpCorrelation().matrix(), outcome.mlpCorrelation().labels(),
                    "Pearson correlation of MLP weights between independent layers",
                    dir.path().resolve(Plots.DIR).resolve("mlp-correlation.png"), 800, 700);
        }
        spec.commandLine().getOut().print(SummaryTable.render(result));
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("[dlt] results, logs and plots in " + dir.path());
    }

    /** Flags over the experiment file (or, when resuming, the run's saved config) over the defaults. */
    private Config resolveConfig() {
        Config overrides = options.asConfig();
        Path file = config;
        if (resume != null) {
            if (config != null) {
                throw new UserInputException("--resume uses the run's own " + RunFiles.CONFIG + "; drop --config");
            }
            file = resume.resolve(RunFiles.CONFIG);
        }
        Config fromFile = ConfigFactory.empty();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new UserInputException("config file " + file + " does not exist");
            }
            try {
                fromFile = ConfigFactory.parseFile(file.toFile());
            } catch (ConfigException e) {
                throw new UserInputException("config file " + file + " is malformed: " + e.getMessage(), e);
            }
        }
        return overrides.withFallback(fromFile).withFallback(ConfigFactory.load()).resolve();
    }

    private static void writeConfig(Path dir, Config resolved) {
        String text = "# The resolved settings of this run; dlt train --resume reads them back.\ndlt.train "
                + resolved.getConfig("dlt.train").root().render(ConfigRenderOptions.concise().setFormatted(true)) + "\n"
                + "dlt.presets " + resolved.getConfig("dlt.presets").root().render(ConfigRenderOptions.concise().setFormatted(true)) + "\n";
        try {
            Path tmp = dir.resolve(RunFiles.CONFIG + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, dir.resolve(RunFiles.CONFIG), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserInputException("cannot write " + dir.resolve(RunFiles.CONFIG) + ": " + e.getMessage(), e);
        }
    }

    private static Path defaultOut(TrainSettings s) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", stamp + "-" + s.ties().policy().cliName());
    }
}
