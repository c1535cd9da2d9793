package dev.dlt.report.plot;

import dev.dlt.model.UserInputException;
import dev.dlt.report.RunDirectory;
import dev.dlt.report.RunLogs;
import dev.dlt.report.RunResult;
import dev.dlt.report.StepLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws every figure of a run from its logs into {@code <run>/plots/}: what {@code dlt plot RUN_DIR} runs
 * and what the trainer calls when a run ends. Figures need only the CSV logs; {@code results.json}, when
 * present, supplies the run name for titles.
 */
public final class Plots {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;
    public static final String DIR = "plots";

    private Plots() {
    }

    /**
     * @return the PNG files written, in a fixed order
     * @throws UserInputException if the directory is missing, a log is malformed, or there is nothing to draw
     */
    public static List<Path> drawRun(Path runDir) {
        RunDirectory dir = RunDirectory.existing(runDir);
        RunLogs logs = dir.readLogs();
        if (logs.steps().isEmpty()) {
            throw new UserInputException("nothing to plot: " + dir.steps() + " is missing or empty");
        }
        String name = Files.exists(dir.results()) ? dir.readResults().runName() : runDir.getFileName().toString();
        Path out = runDir.resolve(DIR);
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new UserInputException("cannot create " + out + ": " + e.getMessage());
        }
        List<Path> files = new ArrayList<>();
        files.add(draw(out, "loss.png", f -> CurveCharts.loss(logs.steps(), logs.evals(), f, WIDTH, HEIGHT)));
        files.add(draw(out, "perplexity.png",
                f -> CurveCharts.perplexity(logs.steps(), logs.evals(), f, WIDTH, HEIGHT)));
        files.add(draw(out, "trainable-params.png", f -> CurveCharts.trainableParams(logs.steps(), f, WIDTH, HEIGHT)));
        StepLog lastStep = logs.steps().get(logs.steps().size() - 1);
        int[] finalState = TieStates.parse(lastStep.tieState());
        files.add(draw(out, "replication-map.png", f -> ReplicationMapImage.write(finalState,
                "Replication map of " + name + " at step " + lastStep.step(), f, WIDTH, HEIGHT)));
        List<TieHistoryImage.Sample> history = logs.steps().stream()
                .map(s -> new TieHistoryImage.Sample(s.step(), TieStates.parse(s.tieState()))).toList();
        files.add(draw(out, "tie-history.png",
                f -> TieHistoryImage.write(history, "Tie history of " + name, f, WIDTH, HEIGHT)));
        if (!logs.ties().isEmpty()) {
            files.add(draw(out, "tie-changes.png",
                    f -> TieChangeChart.write(RunResult.countChanges(logs.ties()), f, WIDTH, HEIGHT)));
        }
        return files;
    }

    private static Path draw(Path dir, String name, java.util.function.Consumer<Path> drawer) {
        Path file = dir.resolve(name);
        drawer.accept(file);
        return file;
    }
}
