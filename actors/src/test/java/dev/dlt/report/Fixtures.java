package dev.dlt.report;

import dev.dlt.model.tie.TieChange;
import dev.dlt.model.tie.TieMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic run data shaped like dynamic tying: episodes of one decision per layer, K = 4 steps each. */
public final class Fixtures {

    public static final int LAYERS = 12;
    public static final long PARAMS_PER_LAYER = 1_000_000;

    private Fixtures() {
    }

    /** Writes steps, ties and evals of a synthetic run of {@code episodes} episodes into {@code dir}. */
    public static RunLogs writeSyntheticRun(Path dir, int episodes, long seed) {
        Random rnd = new Random(seed);
        TieMap state = TieMap.allTiedToFirst(LAYERS);
        List<StepLog> steps = new ArrayList<>();
        List<TieLog> ties = new ArrayList<>();
        List<EvalLog> evals = new ArrayList<>();
        long step = 0;
        double epsilon = 1.0;
        for (int ep = 0; ep < episodes; ep++) {
            for (int layer = 1; layer < LAYERS; layer++) {
                int action = rnd.nextDouble() < 0.3 ? layer : rnd.nextInt(layer);
                TieMap next = state.apply(layer, action);
                double loss = 7.5 * Math.exp(-step / 250.0) + 2.5 + 0.1 * rnd.nextGaussian();
                ties.add(new TieLog(step, ep, layer, action, state.toString(), next.toString(), -loss, epsilon,
                        loss, trainable(next), TieChange.of(state, next, layer).name()));
                state = next;
                for (int k = 0; k < 4; k++, step++) {
                    double l = 7.5 * Math.exp(-step / 250.0) + 2.5 + 0.1 * rnd.nextGaussian();
                    steps.add(new StepLog(step, ep, 1e-4, l, 1.0, 2500 + 50 * rnd.nextGaussian(), step * 0.4,
                            trainable(state), state.toString()));
                }
            }
            double vl = 7.5 * Math.exp(-step / 250.0) + 2.7;
            evals.add(new EvalLog(step, ep, vl, Math.exp(vl), trainable(state),
                    new MemoryReport(trainable(state) * 4, trainable(state) * 4, trainable(state) * 8,
                            50_000_000, 900_000_000)));
            epsilon = Math.max(0.01, epsilon * 0.95);
        }
        RunDirectory run = RunDirectory.prepare(dir, false);
        try (RunLogWriter w = run.openLogs()) {
            steps.forEach(w::step);
            ties.forEach(w::tie);
            evals.forEach(w::eval);
        }
        return new RunLogs(steps, ties, evals);
    }

    private static long trainable(TieMap s) {
        return s.independentCount() * PARAMS_PER_LAYER;
    }

    /** A result with fixed, hand-picked numbers (for exact expected tables). */
    public static RunResult result(String name, String policy, int[] tieState, double validPpl, double testPpl,
                                   long trainable) {
        return new RunResult(name, policy, "tiny", new ModelShape(tieState.length, 256, 4, 8000, 128, 16),
                "gpt2", "sotu", 42, 1000, 10, 2_048_000, 812.5, 2520.7, Math.log(validPpl), validPpl,
                Math.log(testPpl), testPpl, trainable, 8_900_000, RunResult.percentTied(tieState),
                new MemoryReport(trainable * 4, trainable * 4, trainable * 8, 52_428_800, 1_073_741_824L),
                tieState, Map.of("INDEPENDENT_TO_TIED", 7L, "TIED_TO_INDEPENDENT", 3L, "RETIED", 5L,
                "UNCHANGED", 45L), Map.of("lr", "1e-4", "reward", "paper"));
    }
}
