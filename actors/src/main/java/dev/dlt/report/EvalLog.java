package dev.dlt.report;

/**
 * One validation pass (after each episode), one row of {@code evals.csv}; the memory columns are
 * flattened there ({@code parameterBytes, ..., processRssBytes}).
 */
public record EvalLog(long step, int episode, double validLoss, double validPerplexity, long trainableParams,
                      MemoryReport memory) {

    public EvalLog {
        Checks.require(step >= 0, "step must be >= 0, got " + step);
        Checks.require(memory != null, "memory is required");
    }
}
