package dev.dlt.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.dlt.model.UserInputException;
import dev.dlt.report.RunDirectory;
import dev.dlt.report.RunResult;
import dev.dlt.report.SummaryTable;
import dev.dlt.report.plot.CorrelationHeatMap;
import dev.dlt.report.plot.Plots;
import dev.dlt.train.LocalTrainer;
import dev.dlt.train.RunRecorder;
import dev.dlt.train.TrainOutcome;
import dev.dlt.train.TrainSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlt train}: flags and an optional experiment file become one HOCON config, read once into
 * {@link TrainSettings}; the run writes logs, {@code results.json} and plots into its own directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GPT-2-style model, with dynamic layer tying or a fixed tie pattern.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "An experiment file (HOCON) whose dlt.train keys override the defaults.")
    Path config;

    @Option(names = "--runtime", defaultValue = "local", paramLabel = "local|actors",
            description = "local: one thread drives the model (the reference); actors: the Pekko runtime.")
    String runtime;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TrainSettings settings = TrainSettings.from(resolveConfig());
        if (!runtime.equals("local")) {
            throw new UserInputException("unknown --runtime '" + runtime + "': expected local");
        }
        Path out = settings.out() != null ? settings.out() : defaultOut(settings);
        RunDirectory.refuseExisting(out);
        LocalTrainer trainer = new LocalTrainer(settings); // data, tokenizer and shapes checked here
        RunDirectory dir = RunDirectory.prepare(out, false);
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        TrainOutcome outcome;
        RunRecorder recorder = new RunRecorder(dir.openLogs(), err, trainer.plannedSteps());
        try (recorder) {
            outcome = trainer.run(recorder);
        }
        RunResult result = RunResults.of(dir.path().getFileName().toString(), settings, outcome,
                recorder.decisions(), (System.nanoTime() - t0) / 1e9);
        dir.writeResults(result);
        Plots.drawRun(dir.path());
        if (outcome.mlpCorrelation().labels().size() >= 2) {
            CorrelationHeatMap.write(outcome.mlpCorrelation().matrix(), outcome.mlpCorrelation().labels(),
                    "Pearson correlation of MLP weights between independent layers",
                    dir.path().resolve(Plots.DIR).resolve("mlp-correlation.png"), 800, 700);
        }
        spec.commandLine().getOut().print(SummaryTable.render(result));
        spec.commandLine().getOut().flush();
        err.println("[dlt] results, logs and plots in " + dir.path());
        return Main.EXIT_OK;
    }

    private Config resolveConfig() {
        Config overrides = options.asConfig();
        Config file = ConfigFactory.empty();
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new UserInputException("config file " + config + " does not exist");
            }
            try {
                file = ConfigFactory.parseFile(config.toFile());
            } catch (ConfigException e) {
                throw new UserInputException("config file " + config + " is malformed: " + e.getMessage(), e);
            }
        }
        return overrides.withFallback(file).withFallback(ConfigFactory.load()).resolve();
    }

    private static Path defaultOut(TrainSettings s) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", stamp + "-" + s.ties().policy().cliName());
    }
}
