package dev.dlt.report;

import dev.dlt.model.tie.TieChange;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a finished run reports, written as {@code results.json} (see {@link RunDirectory}).
 * Perplexities and losses are NaN when not measured (e.g. no test split); JSON stores NaN as the string
 * {@code "NaN"}. {@code totalParams} counts every layer materialised, {@code trainableParams} only roots.
 * {@code tieChanges} counts decisions by {@link TieChange} name; {@code config} holds free-form settings.
 */
public record RunResult(String runName, String policy, String preset, ModelShape model, String tokenizer,
                        String data, long seed, long steps, int episodes, long tokensSeen, double wallTimeSec,
                        double tokensPerSec, double validLoss, double validPerplexity, double testLoss,
                        double testPerplexity, long trainableParams, long totalParams, double percentLayersTied,
                        MemoryReport memory, int[] finalTieState, Map<String, Long> tieChanges,
                        Map<String, String> config) {

    public RunResult {
        Checks.require(runName != null && policy != null, "runName and policy are required");
        Checks.require(model != null && memory != null, "model and memory are required");
        Checks.require(finalTieState != null && finalTieState.length == model.layers(),
                "finalTieState must have one entry per layer (" + model.layers() + ")");
        Checks.require(trainableParams >= 0 && totalParams >= trainableParams,
                "need 0 <= trainableParams <= totalParams, got " + trainableParams + " / " + totalParams);
        Checks.require(percentLayersTied >= 0 && percentLayersTied <= 100,
                "percentLayersTied must be in [0, 100], got " + percentLayersTied);
        finalTieState = finalTieState.clone();
        tieChanges = inChangeOrder(tieChanges == null ? Map.of() : tieChanges);
        // sorted so that results.json is byte-stable for the same run
        config = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(config == null ? Map.of() : config));
    }

    /** The TieChange types first, in enum order, then anything else sorted. */
    private static Map<String, Long> inChangeOrder(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (TieChange c : TieChange.values()) {
            if (counts.containsKey(c.name())) {
                out.put(c.name(), counts.get(c.name()));
            }
        }
        new java.util.TreeMap<>(counts).forEach(out::putIfAbsent);
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public int[] finalTieState() {
        return finalTieState.clone();
    }

    /** Percentage of layers that are tied in a tie vector ({@code s[i] != i}). */
    public static double percentTied(int[] tieState) {
        long tied = java.util.stream.IntStream.range(0, tieState.length).filter(i -> tieState[i] != i).count();
        return 100.0 * tied / tieState.length;
    }

    /** Counts of every {@link TieChange} in a sequence of decisions, all four types present. */
    public static Map<String, Long> countChanges(Iterable<TieLog> decisions) {
        Map<TieChange, Long> counts = new EnumMap<>(TieChange.class);
        for (TieChange c : TieChange.values()) {
            counts.put(c, 0L);
        }
        for (TieLog d : decisions) {
            counts.merge(TieChange.valueOf(d.change()), 1L, Long::sum);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((c, n) -> out.put(c.name(), n));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunResult r && runName.equals(r.runName) && policy.equals(r.policy)
                && Objects.equals(preset, r.preset) && model.equals(r.model)
                && Objects.equals(tokenizer, r.tokenizer) && Objects.equals(data, r.data) && seed == r.seed
                && steps == r.steps && episodes == r.episodes && tokensSeen == r.tokensSeen
                && Double.compare(wallTimeSec, r.wallTimeSec) == 0 && Double.compare(tokensPerSec, r.tokensPerSec) == 0
                && Double.compare(validLoss, r.validLoss) == 0
                && Double.compare(validPerplexity, r.validPerplexity) == 0
                && Double.compare(testLoss, r.testLoss) == 0 && Double.compare(testPerplexity, r.testPerplexity) == 0
                && trainableParams == r.trainableParams && totalParams == r.totalParams
                && Double.compare(percentLayersTied, r.percentLayersTied) == 0 && memory.equals(r.memory)
                && Arrays.equals(finalTieState, r.finalTieState) && tieChanges.equals(r.tieChanges)
                && config.equals(r.config);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runName, policy, model, seed, steps, trainableParams, Arrays.hashCode(finalTieState));
    }

    @Override
    public String toString() {
        return "RunResult[" + runName + ", policy=" + policy + ", validPerplexity=" + validPerplexity
                + ", testPerplexity=" + testPerplexity + ", tieState=" + Arrays.toString(finalTieState) + "]";
    }
}
