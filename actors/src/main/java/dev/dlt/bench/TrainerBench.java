package dev.dlt.bench;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.data.Batch;
import dev.dlt.model.memory.MemoryLedger;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.report.MemoryReport;
import java.util.SplittableRandom;
import com.typesafe.config.ConfigFactory;
import dev.dlt.runtime.ActorRuntime;
import dev.dlt.runtime.RuntimeSettings;

/** Throughput and memory of the local training step for one model and tie pattern. */
final class TrainerBench {

    /** What one configuration measured. */
    record Figures(String name, GptConfig config, TieMap ties, int batch, int seqLen, double tokensPerSec,
                   double flopsPerToken, long trainableParams, MemoryReport memory) {
        double gflops() {
            return tokensPerSec * flopsPerToken / 1e9;
        }
    }

    private TrainerBench() {}

    static Figures run(NDManager root, String name, GptConfig c, TieMap ties, int batch, int seqLen,
                       int warmup, int steps) {
        try (NDManager m = root.newSubManager()) {
            Gpt model = Gpt.create(c, ties, GradientMode.SHARED, m.newSubManager(), 1);
            AdamW opt = new AdamW(AdamW.Settings.defaults(), m.newSubManager());
            Batch b = randomBatch(batch, seqLen, c.vocabSize());
            long peak = 0;
            for (int s = 0; s < warmup; s++) {
                TrainingStep.run(model, opt, b, 1e-4, 1.0, Dropout.stepKey(1, s));
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                peak = Math.max(peak, TrainingStep.run(model, opt, b, 1e-4, 1.0, Dropout.stepKey(1, s)).activationBytes());
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            MemoryLedger l = MemoryLedger.of(model, opt, peak);
            return new Figures(name, c, ties, batch, seqLen, steps * (double) b.tokens() / sec,
                    flopsPerToken(c, ties, seqLen), model.trainableParameters(),
                    MemoryReport.measure(l.parameterBytes(), l.gradientBytes(), l.optimizerStateBytes(), peak));
        }
    }

    /** The same measurement through the actor runtime (one actor per layer, one micro-batch). */
    static Figures runActors(String name, GptConfig c, TieMap ties, int batch, int seqLen, int warmup, int steps) {
        RuntimeSettings rs = RuntimeSettings.of(c, ties, GradientMode.SHARED, 1, AdamW.Settings.defaults(), 1.0)
                .withPipeline(ConfigFactory.load());
        try (ActorRuntime rt = ActorRuntime.start(rs)) {
            Batch b = randomBatch(batch, seqLen, c.vocabSize());
            for (int s = 0; s < warmup; s++) {
                rt.step(b, 1e-4, Dropout.stepKey(1, s));
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                rt.step(b, 1e-4, Dropout.stepKey(1, s));
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            long params = 4 * rt.trainableParameters();
            return new Figures(name, c, ties, batch, seqLen, steps * (double) b.tokens() / sec,
                    flopsPerToken(c, ties, seqLen), rt.trainableParameters(),
                    MemoryReport.measure(params, params, 2 * params, 0));
        }
    }

    /**
     * Training FLOPs per token as in the PaLM appendix: 6 × (matrix parameters used per token, tied layers
     * counted every time they run) + 12 × L × T × C for attention scores and values.
     */
    static double flopsPerToken(GptConfig c, TieMap ties, int seqLen) {
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
