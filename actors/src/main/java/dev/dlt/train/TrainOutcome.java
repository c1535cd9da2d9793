package dev.dlt.train;

import dev.dlt.model.GptConfig;
import dev.dlt.model.tie.TieMap;
import dev.dlt.report.MemoryReport;

/** What a training run measured, before it is written as {@code results.json}. */
public record TrainOutcome(GptConfig config, String tokenizer, String policy, TieMap finalTies, long steps,
                           int episodes, long tokensSeen, double trainSeconds, Evaluator.Score valid,
                           Evaluator.Score test, long trainableParams, long totalParams, MemoryReport memory,
                           boolean stoppedByTimeBudget, boolean paused, MlpCorrelation mlpCorrelation) {

    /**
     * Pearson correlation of the MLP weights (c_fc and c_proj, flattened) between every pair of independent
     * layers at the end of training: the paper's Figure 4.
     */
    public record MlpCorrelation(java.util.List<String> labels, double[][] matrix) {}

    /** Training throughput: tokens per second of forward, backward and update, evaluation excluded. */
    public double tokensPerSec() {
        return trainSeconds == 0 ? 0 : tokensSeen / trainSeconds;
    }
}
