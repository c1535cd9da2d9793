package dev.dlt.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One training step, one row of {@code steps.csv}. {@code tieState} is the tie vector as the paper writes
 * it (e.g. {@code [0, 0, 2, 2]}); {@code gradNorm} is the global gradient norm before clipping.
 */
@JsonPropertyOrder({"step", "episode", "lr", "trainLoss", "gradNorm", "tokensPerSec", "elapsedSec", "trainableParams",
        "tieState"})
public record StepLog(long step, int episode, double lr, double trainLoss, double gradNorm, double tokensPerSec,
                      double elapsedSec, long trainableParams, String tieState) {

    public StepLog {
        Checks.require(step >= 0, "step must be >= 0, got " + step);
        Checks.require(episode >= 0, "episode must be >= 0, got " + episode);
        Checks.require(trainableParams >= 0, "trainableParams must be >= 0, got " + trainableParams);
        Checks.require(tieState != null, "tieState is required");
    }
}
