package dev.dlt.train;

import dev.dlt.report.EvalLog;
import dev.dlt.report.Format;
import dev.dlt.report.ProgressReporter;
import dev.dlt.report.RunLogWriter;
import dev.dlt.report.StepLog;
import dev.dlt.report.TieLog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The listener of a {@code dlt train} run: CSV logs flushed row by row, the progress bar, and one line per
 * validation pass on stderr (stdout is kept for the results table).
 */
public final class RunRecorder implements TrainListener, AutoCloseable {

    private final RunLogWriter logs;
    private final PrintWriter status;
    private final long plannedSteps;
    private final List<TieLog> decisions = new ArrayList<>();
    private ProgressReporter progress;

    public RunRecorder(RunLogWriter logs, PrintWriter status, long plannedSteps) {
        this.logs = logs;
        this.status = status;
        this.plannedSteps = plannedSteps;
    }

    @Override
    public void onStep(StepLog step) {
        logs.step(step);
        if (progress == null) {
            progress = ProgressReporter.start("train", plannedSteps);
        }
        progress.update(step.step() + 1, step.trainLoss(), step.tokensPerSec());
    }

    @Override
    public void onTie(TieLog decision) {
        logs.tie(decision);
        decisions.add(decision);
    }

    @Override
    public void onEval(EvalLog eval) {
        logs.eval(eval);
        onStatus("step " + eval.step() + ": valid loss " + Format.fixed(eval.validLoss(), 4) + ", perplexity "
                + Format.fixed(eval.validPerplexity(), 2) + ", trainable parameters " + eval.trainableParams());
    }

    @Override
    public void onStatus(String message) {
        if (progress != null) {
            progress.close();
            progress = null;
        }
        status.println("[dlt] " + message);
        status.flush();
    }

    /** Every decision logged so far, in order. */
    public List<TieLog> decisions() {
        return decisions;
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
        logs.close();
    }
}
