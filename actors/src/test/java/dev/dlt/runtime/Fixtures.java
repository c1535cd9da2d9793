package dev.dlt.runtime;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.data.Batch;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.runtime.pipeline.Coordinator;
import dev.dlt.runtime.stage.ModelInit;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/** The tiny model of the runtime tests and the local reference loop they compare with. */
public final class Fixtures {

    /** 4 layers × 32 wide, 2 heads, vocabulary 64, context 16, dropout 0.1. */
    public static final GptConfig CONFIG = new GptConfig(4, 32, 2, 64, 16, 0.1);
    public static final int ROWS = 4;
    public static final int SEQ = 16;
    public static final long SEED = 7;
    public static final double LR = 3e-3;
    public static final double CLIP = 1.0;

    private Fixtures() {}

    public static RuntimeSettings settings(TieMap ties, int groupSize, int microBatches) {
        return RuntimeSettings.of(CONFIG, ties, GradientMode.SHARED, SEED, AdamW.Settings.defaults(), CLIP)
                .withPipeline(groupSize, microBatches, 2);
    }

    /**
     * Rows of a learnable sequence (each token determines the next: {@code x' = 5x + 3 mod V}) from random
     * starts; targets are the inputs shifted by one.
     */
    public static Batch batch(long step) {
        SplittableRandom r = new SplittableRandom(1000 + step);
        int v = CONFIG.vocabSize();
        int[] seq = new int[ROWS * (SEQ + 1)];
        for (int row = 0; row < ROWS; row++) {
            int x = r.nextInt(v);
            for (int t = 0; t <= SEQ; t++) {
                seq[row * (SEQ + 1) + t] = x;
                x = (5 * x + 3) % v;
            }
        }
        int[] in = new int[ROWS * SEQ];
        int[] out = new int[ROWS * SEQ];
        for (int row = 0; row < ROWS; row++) {
            System.arraycopy(seq, row * (SEQ + 1), in, row * SEQ, SEQ);
            System.arraycopy(seq, row * (SEQ + 1) + 1, out, row * SEQ, SEQ);
        }
        return new Batch(step, ROWS, SEQ, in, out);
    }

    public static long key(long step) {
        return Dropout.stepKey(SEED, step);
    }

    /** Per-step losses of the local reference loop ({@link TrainingStep#run}) with the same settings. */
    public static double[] referenceLosses(RuntimeSettings s, int steps) {
        TrainingStep.Result[] r = reference(s, steps);
        double[] out = new double[steps];
        for (int k = 0; k < steps; k++) {
            out[k] = r[k].loss();
        }
        return out;
    }

    /** Per-step results (loss, gradient norm) of the local reference loop. */
    public static TrainingStep.Result[] reference(RuntimeSettings s, int steps) {
        TrainingStep.Result[] out = new TrainingStep.Result[steps];
        try (NDManager root = NDManager.newBaseManager();
             Gpt model = Gpt.create(s.model(), s.initialTies(), s.gradientMode(), root.newSubManager(), s.seed())) {
            AdamW opt = new AdamW(s.adam(), root.newSubManager());
            for (int k = 0; k < steps; k++) {
                out[k] = TrainingStep.run(model, opt, batch(k), LR, s.clipNorm(), key(k));
            }
        }
        return out;
    }

    /** A runtime on the test kit's system, with a fault hook. */
    public static ActorRuntime spawn(ActorTestKit kit, RuntimeSettings s, StageFaults faults) {
        var coordinator = kit.spawn(Coordinator.create(s, ModelInit.create(s), faults));
        return ActorRuntime.attach(kit.system(), coordinator, s);
    }

    public static double relativeDifference(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
    }
}
