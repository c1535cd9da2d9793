package dev.dlt.train;

import dev.dlt.report.EvalLog;
import dev.dlt.report.Format;
import dev.dlt.report.ProgressReporter;
import dev.dlt.report.RunDirectory;
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

    private final RunDirectory dir;
    private RunLogWriter logs;
    private final PrintWriter status;
    private final long plannedSteps;
    private final List<TieLog> decisions = new ArrayList<>();
    private ProgressReporter progress;

    public RunRecorder(RunDirectory dir, PrintWriter status, long plannedSteps) {
        this.dir = dir;
        this.status = status;
        this.plannedSteps = plannedSteps;
    }

    /** Logs open on first use, so that a resume can first drop what the interrupted run wrote too late. */
    private RunLogWriter logs() {
        if (logs == null) {
            logs = dir.openLogs();
        }
        return logs;
    }

    @Override
    public void onResume(long step, long pendingDecisionStep) {
        dir.truncateLogs(step, pendingDecisionStep >= 0 ? pendingDecisionStep : step);
        decisions.addAll(dir.readLogs().ties());
    }

    @Override
    public void onStep(StepLog step) {
        logs().step(step);
        if (progress == null) {
            progress = ProgressReporter.start("train", plannedSteps);
        }
        progress.update(step.step() + 1, step.trainLoss(), step.tokensPerSec());
    }

    @Override
    public void onTie(TieLog decision) {
        logs().tie(decision);
        decisions.add(decision);
    }

    @Override
    public void onEval(EvalLog eval) {
        logs().eval(eval);
        onStatus("step " + eval.step() + ": valid loss " + Format.fixed(eval.validLoss(), 4) + ", perplexity "
                + Format.fixed(eval.validPerplexity(), 2) + ", trainable parameters " + eval.trainableParams());
    }

    @Override
    public void onStatus(String message) {
        // A terminal bar is redrawn in place, so end it before printing; plain progress lines (no terminal)
        // keep their reporter, whose elapsed time and ETA count from the first step.
        if (progress != null && System.console() != null) {
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
        if (logs != null) {
            logs.close();
        }
    }
}
