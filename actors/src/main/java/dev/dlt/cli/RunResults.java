package dev.dlt.cli;

import dev.dlt.report.ModelShape;
import dev.dlt.report.RunResult;
import dev.dlt.report.TieLog;
import dev.dlt.train.TrainOutcome;
import dev.dlt.train.TrainSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@code results.json} record of a finished run. */
final class RunResults {

    private RunResults() {}

    static RunResult of(String runName, TrainSettings s, TrainOutcome o, List<TieLog> decisions, double wallSec) {
        var c = o.config();
        int[] ties = o.finalTies().toArray();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("lr", Double.toString(s.optim().lr()));
        config.put("dropout", Double.toString(s.dropout()));
        config.put("gradient-mode", s.ties().gradientMode().name().toLowerCase());
        config.put("steps-per-decision", Integer.toString(s.ties().stepsPerDecision()));
        config.put("agent-preset", s.ties().agentPreset());
        config.put("device", s.device());
        config.put("stopped-by-time-budget", Boolean.toString(o.stoppedByTimeBudget()));
        config.put("train-seconds", String.format(java.util.Locale.ROOT, "%.1f", o.trainSeconds()));
        return new RunResult(runName, o.policy(), s.preset().id(),
                new ModelShape(c.layers(), c.width(), c.heads(), c.vocabSize(), s.seqLen(), s.batchSize()),
                o.tokenizer(), s.data(), s.seed(), o.steps(), o.episodes(), o.tokensSeen(), wallSec,
                o.tokensPerSec(), o.valid().loss(), o.valid().perplexity(), o.test().loss(), o.test().perplexity(),
                o.trainableParams(), o.totalParams(), RunResult.percentTied(ties), o.memory(), ties,
                RunResult.countChanges(decisions), config);
    }
}
