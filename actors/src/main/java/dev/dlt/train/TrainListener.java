package dev.dlt.train;

import dev.dlt.report.EvalLog;
import dev.dlt.report.StepLog;
import dev.dlt.report.TieLog;

/**
 * Hooks the training loop calls; logging, progress and plots live behind them, not in the loop.
 * Called on the training thread, in step order.
 */
public interface TrainListener {

    default void onStep(StepLog step) {}

    default void onTie(TieLog decision) {}

    default void onEval(EvalLog eval) {}

    /**
     * A resumed run continues at {@code step}; the decision taken at {@code pendingDecisionStep} (or -1)
     * is still waiting for its reward. Logs written after those points by the interrupted run are stale.
     */
    default void onResume(long step, long pendingDecisionStep) {}

    /** Free-form notes for the user (tokenizing, evaluating the test split, ...). */
    default void onStatus(String message) {}

    TrainListener NONE = new TrainListener() {};
}
