package dev.dlt.train;

import ai.djl.ndarray.NDManager;
import dev.dlt.agent.TiePolicy;
import dev.dlt.model.GptConfig;
import dev.dlt.model.data.Batch;
import dev.dlt.model.data.BatchSampler;
import dev.dlt.model.data.Split;
import dev.dlt.model.data.TokenFile;
import dev.dlt.model.engine.Devices;
import dev.dlt.model.memory.MemoryLedger;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.LayerWeights;
import dev.dlt.report.plot.Pearson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.optim.LrSchedule;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.report.EvalLog;
import dev.dlt.report.MemoryReport;
import dev.dlt.report.StepLog;

/**
 * The single-process trainer: the reference every other runtime is checked against. One thread drives
 * the model; batches arrive from the Pekko Streams source; ties change only between steps.
 */
public final class LocalTrainer {

    /** Seed offset of the reward batch, so it is not one of the training batches. */
    private static final long REWARD_BATCH_SEED = 0x5EED_4EA7L;

    private final TrainSettings s;
    private final RunData data;
    private final TokenFile train;
    private final TokenFile valid;
    private final TokenFile test;
    private final GptConfig config;
    private final long planned;
    private final int stepsPerEpisode;
    private final int plannedEpisodes;
    private final TiePolicy policy;

    /**
     * Opens the data, tokenizes it (once; cached) and checks every setting against it, so that bad input
     * fails here — before the caller creates a run directory.
     */
    public LocalTrainer(TrainSettings settings) {
        this.s = settings;
        this.data = RunData.open(s.data(), s.format(), s.tokenizer());
        this.train = data.tokens(Split.TRAIN);
        this.valid = data.tokens(Split.VALID);
        this.test = data.tokens(Split.TEST);
        this.config = s.model().resolve(s.preset(), data.tokenizer().vocabSize(), s.dropout());
        BatchSampler.requireFits(s.seqLen(), config.blockSize());
        Devices.parse(s.device());
        int layers = config.layers();
        this.planned = s.plannedSteps(layers);
        this.stepsPerEpisode = s.stepsPerEpisode(layers);
        this.plannedEpisodes = (int) Math.max(1, (planned + stepsPerEpisode - 1) / stepsPerEpisode);
        this.policy = s.ties().policy().create(layers, s.ties().agent(plannedEpisodes, s.seed()),
                s.ties().distinctLayers());
        new BatchSampler(train, s.batchSize(), s.seqLen(), s.seed());
    }

    /** Steps this run will take unless a time budget stops it first. */
    public long plannedSteps() {
        return planned;
    }

    /** Trains, evaluates the valid and test splits, and returns what the run measured. */
    public TrainOutcome run(TrainListener listener) {
        try (NDManager root = NDManager.newBaseManager(Devices.parse(s.device()))) {
            Gpt model = Gpt.create(config, policy.initialState(), s.ties().gradientMode(), root.newSubManager(), s.seed());
            AdamW optimizer = new AdamW(new AdamW.Settings(0.9, 0.999, 1e-8, s.optim().weightDecay()),
                    root.newSubManager());
            LrSchedule schedule = new LrSchedule(s.optim().lr(), s.optim().lr() * s.optim().minLrRatio(),
                    (long) (s.optim().warmupFraction() * planned), planned);
            BatchSampler sampler = new BatchSampler(train, s.batchSize(), s.seqLen(), s.seed());
            TieController ties = policy.adaptive()
                    ? new TieController(policy, s.ties().agent(plannedEpisodes, s.seed()).reward(),
                            new BatchSampler(train, s.batchSize(), s.seqLen(), s.seed() ^ REWARD_BATCH_SEED).batch(0),
                            s.ties().stepsPerDecision())
                    : null;
            Loop loop = new Loop(model, optimizer, schedule, ties, listener);
            try (BatchFeed feed = new BatchFeed(sampler, 0)) {
                loop.run(feed);
            }
            if (ties != null) {
                ties.finish(model, listener);
            }
            // ---- final evaluation on whole splits
            listener.onStatus("evaluating the valid and test splits");
            Evaluator.Score v = Evaluator.evaluate(model, valid, s.batchSize(), s.seqLen(), 0);
            Evaluator.Score t = Evaluator.evaluate(model, test, s.batchSize(), s.seqLen(), 0);
            MemoryLedger ledger = MemoryLedger.of(model, optimizer, loop.activationPeak);
            return new TrainOutcome(config, data.tokenizer().name(), policy.name(), model.ties(), loop.step,
                    loop.step == 0 ? 0 : ties == null ? (int) (loop.step / stepsPerEpisode) : ties.episode() + 1,
                    loop.tokens, loop.trainSeconds, v, t, model.trainableParameters(), model.totalParameters(),
                    memory(ledger), loop.stoppedByTime, mlpCorrelation(model));
        }
    }

    private static TrainOutcome.MlpCorrelation mlpCorrelation(Gpt model) {
        List<String> labels = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        for (int root : model.ties().roots()) {
            LayerWeights w = model.layerWeights(root);
            float[] fc = w.fcW().toFloatArray();
            float[] proj = w.mlpProjW().toFloatArray();
            float[] both = Arrays.copyOf(fc, fc.length + proj.length);
            System.arraycopy(proj, 0, both, fc.length, proj.length);
            labels.add("layer " + root);
            weights.add(both);
        }
        return new TrainOutcome.MlpCorrelation(labels, Pearson.matrix(weights));
    }

    private static MemoryReport memory(MemoryLedger l) {
        return MemoryReport.measure(l.parameterBytes(), l.gradientBytes(), l.optimizerStateBytes(),
                l.activationPeakBytes());
    }

    /** The training loop proper and what it measures. */
    private final class Loop {
        final Gpt model;
        final AdamW optimizer;
        final LrSchedule schedule;
        final TieController ties;
        final TrainListener listener;
        long step;
        long tokens;
        double trainSeconds;
        long activationPeak;
        boolean stoppedByTime;

        Loop(Gpt model, AdamW optimizer, LrSchedule schedule, TieController ties, TrainListener listener) {
            this.model = model;
            this.optimizer = optimizer;
            this.schedule = schedule;
            this.ties = ties;
            this.listener = listener;
        }

        void run(BatchFeed feed) {
            long start = System.nanoTime();
            long budgetNanos = s.budget().timeBudget().toNanos();
            double smoothed = 0;
            while (step < planned) {
                if (budgetNanos > 0 && System.nanoTime() - start > budgetNanos) {
                    stoppedByTime = true;
                    break;
                }
                // tie decision, at the step boundary
                if (ties != null && ties.due(step)) {
                    ties.decide(step, model, optimizer, listener);
                }
                // forward, backward, clip, update
                Batch batch = feed.next();
                double lr = schedule.at(step);
                long t0 = System.nanoTime();
                TrainingStep.Result r = TrainingStep.run(model, optimizer, batch, lr, s.optim().clipNorm(),
                        Dropout.stepKey(s.seed(), step));
                double sec = (System.nanoTime() - t0) / 1e9;
                requireFinite(r.loss());
                // log
                trainSeconds += sec;
                tokens += batch.tokens();
                activationPeak = Math.max(activationPeak, r.activationBytes());
                double tps = batch.tokens() / sec;
                smoothed = smoothed == 0 ? tps : 0.9 * smoothed + 0.1 * tps;
                listener.onStep(new StepLog(step, episode(), lr, r.loss(), smoothed,
                        (System.nanoTime() - start) / 1e9, model.trainableParameters(), model.ties().toString()));
                step++;
                // evaluate
                if (evalDue()) {
                    evaluate();
                }
            }
        }

        private int episode() {
            return ties != null ? ties.episode() : (int) (step / stepsPerEpisode);
        }

        private boolean evalDue() {
            int every = s.evalEvery() > 0 ? s.evalEvery() : stepsPerEpisode;
            return step % every == 0 || step == planned;
        }

        private void evaluate() {
            Evaluator.Score v = Evaluator.evaluate(model, valid, s.batchSize(), s.seqLen(), s.evalBatches());
            listener.onEval(new EvalLog(step, episode(), v.loss(), v.perplexity(), model.trainableParameters(),
                    memory(MemoryLedger.of(model, optimizer, activationPeak))));
        }

        private void requireFinite(double loss) {
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged at step " + step + " (loss " + loss
                        + "); lower --lr or raise --warmup-fraction");
            }
        }
    }
}
