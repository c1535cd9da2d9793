package dev.dlt.bench;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.ConfigFactory;
import dev.dlt.model.GptConfig;
import dev.dlt.model.data.Batch;
import dev.dlt.model.engine.IntraOpThreads;
import dev.dlt.model.memory.MemoryLedger;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.report.MemoryReport;
import dev.dlt.runtime.ActorRuntime;
import dev.dlt.runtime.RuntimeSettings;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;

/** Throughput and memory of training steps for one bench case, on the local trainer or the actor runtime. */
final class TrainerBench {

    /**
     * What one case measured. Tokens/s come from the median step time, so one slow step (a GC pause, the
     * OS) does not move the figure.
     */
    record Figures(String name, String setup, int batch, int seqLen, double tokensPerSec, double medianStepSeconds,
                   double flopsPerToken, long trainableParams, MemoryReport memory) {
        double gflops() {
            return tokensPerSec * flopsPerToken / 1e9;
        }
    }

    private TrainerBench() {}

    static Figures run(NDManager root, BenchCase c, int vocab, int batch, int seqLen, int warmup, int steps) {
        GptConfig config = c.config(vocab);
        try (NDManager m = root.newSubManager()) {
            Gpt model = Gpt.create(config, c.ties(), GradientMode.SHARED, m.newSubManager(), 1);
            AdamW opt = new AdamW(AdamW.Settings.defaults(), m.newSubManager());
            Batch b = randomBatch(batch, seqLen, vocab);
            long[] peak = {0};
            double median = medianStep(warmup, steps, s -> {
                TrainingStep.Result r = TrainingStep.run(model, opt, b, 1e-4, 1.0, Dropout.stepKey(1, s));
                peak[0] = Math.max(peak[0], r.activationBytes());
                return r.loss();
            });
            MemoryLedger l = MemoryLedger.of(model, opt, peak[0]);
            return new Figures(c.name(), "1 thread, " + IntraOpThreads.get() + " intra-op threads", batch, seqLen,
                    b.tokens() / median, median, flopsPerToken(config, seqLen), model.trainableParameters(),
                    MemoryReport.measure(l.parameterBytes(), l.gradientBytes(), l.optimizerStateBytes(), peak[0]));
        }
    }

    /** The same measurement through the actor runtime: one actor per layer, the {@code dlt.runtime} defaults. */
    static Figures runActors(BenchCase c, int vocab, int batch, int seqLen, int warmup, int steps) {
        GptConfig config = c.config(vocab);
        RuntimeSettings rs = RuntimeSettings.of(config, c.ties(), GradientMode.SHARED, 1, AdamW.Settings.defaults(), 1.0)
                .withPipeline(ConfigFactory.load());
        if (c.microBatches() > 0) {
            rs = rs.withPipeline(1, c.microBatches(), rs.maxInFlight());
        }
        String setup = (config.layers() + 1) + " stages x " + rs.stageThreads() + " intra-op thread(s), "
                + Math.min(rs.microBatches(), batch) + " micro-batch(es)";
        try (ActorRuntime rt = ActorRuntime.start(rs)) {
            Batch b = randomBatch(batch, seqLen, vocab);
            long[] peak = {0};
            double median = medianStep(warmup, steps, s -> {
                TrainingStep.Result r = rt.step(b, 1e-4, Dropout.stepKey(1, s));
                peak[0] = Math.max(peak[0], r.activationBytes());
                return r.loss();
            });
            long params = 4 * rt.trainableParameters();
            return new Figures(c.name(), setup, batch, seqLen, b.tokens() / median, median,
                    flopsPerToken(config, seqLen), rt.trainableParameters(),
                    MemoryReport.measure(params, params, 2 * params, peak[0]));
        }
    }

    /** Runs {@code warmup} untimed and {@code steps} timed steps; the median seconds of a timed step. */
    private static double medianStep(int warmup, int steps, LongToDoubleFunction step) {
        for (int s = 0; s < warmup; s++) {
            step.applyAsDouble(s);
        }
        double[] seconds = new double[steps];
        for (int s = 0; s < steps; s++) {
            long t0 = System.nanoTime();
            double loss = step.applyAsDouble(warmup + s);
            seconds[s] = (System.nanoTime() - t0) / 1e9;
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("non-finite loss " + loss + " at bench step " + (warmup + s));
            }
        }
        Arrays.sort(seconds);
        return steps % 2 == 1 ? seconds[steps / 2] : (seconds[steps / 2 - 1] + seconds[steps / 2]) / 2;
    }

    /**
     * Training FLOPs per token as in the PaLM appendix: 6 × (matrix parameters used per token, tied layers
     * counted every time they run) + 12 × L × T × C for attention scores and values.
     */
    static double flopsPerToken(GptConfig c, int seqLen) {
        double blockMatrices = 12.0 * c.width() * c.width();
        double used = c.layers() * blockMatrices + (double) c.vocabSize() * c.width();
        return 6 * used + 12.0 * c.layers() * seqLen * c.width();
    }

    static Batch randomBatch(int b, int t, int vocab) {
        SplittableRandom r = new SplittableRandom(7);
        int[] in = new int[b * t];
        int[] out = new int[b * t];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextInt(vocab);
            out[i] = r.nextInt(vocab);
        }
        return new Batch(0, b, t, in, out);
    }
}
