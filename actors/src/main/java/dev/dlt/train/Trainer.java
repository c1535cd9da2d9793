package dev.dlt.train;

import ai.djl.ndarray.NDManager;
import dev.dlt.agent.AgentConfig;
import dev.dlt.agent.AgentStateCodec;
import dev.dlt.agent.TiePolicy;
import dev.dlt.model.GptConfig;
import dev.dlt.model.UserInputException;
import dev.dlt.model.checkpoint.Checkpoint;
import dev.dlt.model.checkpoint.CheckpointStore;
import dev.dlt.model.checkpoint.Gpt2Import;
import dev.dlt.model.data.BatchSampler;
import dev.dlt.model.data.Split;
import dev.dlt.model.data.TokenFile;
import dev.dlt.model.engine.Devices;
import dev.dlt.model.memory.MemoryLedger;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.LayerWeights;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.optim.LrSchedule;
import dev.dlt.report.MemoryReport;
import dev.dlt.report.plot.Pearson;
import com.typesafe.config.ConfigFactory;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.ActorRuntime;
import dev.dlt.runtime.ModelState;
import dev.dlt.runtime.RuntimeSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trainer: data, settings, the tie policy and the training loop, over either runtime — {@code local}
 * (one thread drives the model: the reference) or {@code actors} (the Pekko pipeline). Batches arrive from
 * the Pekko Streams source; ties change only between steps.
 */
public final class Trainer {

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
    private final AgentConfig agent;
    private final TiePolicy policy;
    private final BatchSampler sampler;

    /**
     * Opens the data, tokenizes it (once; cached) and checks every setting against it, so that bad input
     * fails here — before the caller creates a run directory.
     */
    public Trainer(TrainSettings settings) {
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
        this.agent = s.ties().agent(plannedEpisodes, s.seed());
        this.policy = s.ties().policy().create(layers, agent,
                s.ties().distinctLayers());
        this.sampler = new BatchSampler(train, s.batchSize(), s.seqLen(), s.seed());
    }

    /** The run's tokenizer. */
    public dev.dlt.model.tokenizer.Tokenizer tokenizer() {
        return data.tokenizer();
    }

    /** Steps this run will take unless a time budget stops it first. */
    public long plannedSteps() {
        return planned;
    }

    /** Trains (from scratch or from a checkpoint), evaluates the valid and test splits, and reports. */
    public TrainOutcome run(TrainListener listener, RunControl control) {
        try (NDManager root = NDManager.newBaseManager(Devices.parse(s.device()))) {
            TieController ties = policy.adaptive()
                    ? new TieController(policy, agent.reward(),
                            new BatchSampler(train, s.batchSize(), s.seqLen(), s.seed() ^ REWARD_BATCH_SEED).batch(0),
                            s.ties().stepsPerDecision())
                    : null;
            TrainingLoop loop = control.resumeFrom() == null
                    ? fresh(root, control.runtime(), ties, listener)
                    : resumed(root, control, ties, listener);
            try {
                return train(loop, ties, control, listener);
            } finally {
                loop.backend.close();
            }
        }
    }

    private TrainOutcome train(TrainingLoop loop, TieController ties, RunControl control, TrainListener listener) {
        long end = control.stopAfter() > 0 ? Math.min(planned, control.stopAfter()) : planned;
        try (BatchFeed feed = new BatchFeed(sampler, loop.step)) {
            loop.run(feed, end, control.checkpoints(), control.stop());
        }
        boolean paused = loop.step < planned && !loop.stoppedByTime;
        if (paused) {
            loop.saveCheckpoint(control.checkpoints());
            return outcome(loop, ties, null, null, true);
        }
        if (ties != null) {
            ties.finish(loop.backend, listener);
        }
        loop.saveCheckpoint(control.checkpoints());
        // ---- final evaluation on whole splits
        listener.onStatus("evaluating the valid and test splits");
        Evaluator.Score v = Evaluator.evaluate(loop.backend::evaluate, valid, s.batchSize(), s.seqLen(), s.finalEvalBatches());
        Evaluator.Score t = Evaluator.evaluate(loop.backend::evaluate, test, s.batchSize(), s.seqLen(), s.finalEvalBatches());
        return outcome(loop, ties, v, t, false);
    }

    private TrainingLoop fresh(NDManager root, RuntimeKind runtime, TieController ties, TrainListener listener) {
        AdamW.Settings adam = new AdamW.Settings(0.9, 0.999, 1e-8, s.optim().weightDecay());
        if (runtime == RuntimeKind.ACTORS) {
            ModelState init = null;
            if (s.initFrom() != null) {
                try (Gpt model = imported(root)) {
                    init = ModelState.of(model, null);
                }
            }
            return loop(actors(policy.initialState(), s.ties().gradientMode(), adam, init, listener), ties, listener);
        }
        Gpt model = s.initFrom() == null
                ? Gpt.create(config, policy.initialState(), s.ties().gradientMode(), root.newSubManager(), s.seed())
                : imported(root);
        AdamW optimizer = new AdamW(adam, root.newSubManager());
        return loop(new LocalBackend(model, optimizer, s.optim().clipNorm()), ties, listener);
    }

    private TrainingLoop loop(TrainingBackend backend, TieController ties, TrainListener listener) {
        return new TrainingLoop(s, backend, schedule(), ties, stepsPerEpisode, valid, listener,
                data.tokenizer().name(), policy);
    }

    /** The actor runtime from the run's seed, or from {@code init} (a checkpoint or imported weights) if not null. */
    private ActorBackend actors(TieMap initialTies, GradientMode mode, AdamW.Settings adam, ModelState init,
                                TrainListener listener) {
        RuntimeSettings rs = RuntimeSettings.of(config, initialTies, mode, s.seed(), adam, s.optim().clipNorm())
                .withPipeline(ConfigFactory.load()).withDevice(Devices.parse(s.device()));
        listener.onStatus("starting the actor runtime: " + rs.groupSize() + " layer(s) per group, "
                + rs.microBatches() + " micro-batch(es), " + rs.stageThreads() + " intra-op thread(s) per stage, on "
                + (rs.device().isGpu() ? "gpu:" + rs.device().getDeviceId() : "cpu"));
        return new ActorBackend(init == null ? ActorRuntime.start(rs) : ActorRuntime.start(rs, init), config);
    }

    /** Starts from a GPT-2 file; its shape must be the one the settings give. */
    private Gpt imported(NDManager root) {
        Gpt model;
        try {
            model = Gpt2Import.read(s.initFrom(), config.heads(), policy.initialState(), s.ties().gradientMode(),
                    s.dropout(), root.newSubManager());
        } catch (UserInputException e) {
            throw new UserInputException("--init-from " + s.initFrom() + ": " + e.getMessage(), e);
        }
        if (!model.config().equals(config)) {
            GptConfig got = model.config();
            model.close();
            throw new UserInputException("--init-from " + s.initFrom() + " holds a model " + got
                    + " but the settings give " + config + "; match --layers/--width/--heads/--block-size and the tokenizer");
        }
        return model;
    }

    private TrainingLoop resumed(NDManager root, RunControl control, TieController ties, TrainListener listener) {
        Checkpoint c = CheckpointStore.load(control.resumeFrom(), root);
        if (!c.model().config().equals(config)) {
            throw new UserInputException("cannot resume " + control.resumeFrom() + ": it holds a model "
                    + c.model().config() + " but the settings give " + config);
        }
        if (!c.training().tokenizer().equals(data.tokenizer().name())) {
            throw new UserInputException("cannot resume " + control.resumeFrom() + ": it was trained with tokenizer "
                    + c.training().tokenizer() + ", the settings give " + data.tokenizer().name());
        }
        TrainingBackend backend;
        if (control.runtime() == RuntimeKind.ACTORS) {
            // the stages take the checkpoint as bytes; the loaded model is not needed after that
            try (c) {
                backend = actors(c.model().ties(), c.model().gradientMode(), c.optimizer().settings(),
                        ModelState.of(c.model(), c.optimizer()), listener);
            }
        } else {
            backend = new LocalBackend(c.model(), c.optimizer(), s.optim().clipNorm());
        }
        TrainingLoop loop = loop(backend, ties, listener);
        loop.restore(c.training());
        if (policy.adaptive()) {
            policy.restore(AgentStateCodec.decode(c.training().agent()));
        }
        listener.onResume(loop.step, ties == null ? -1 : ties.pendingStep());
        listener.onStatus("resumed at step " + loop.step + " from " + control.resumeFrom());
        return loop;
    }

    private LrSchedule schedule() {
        return new LrSchedule(s.optim().lr(), s.optim().lr() * s.optim().minLrRatio(),
                (long) (s.optim().warmupFraction() * planned), planned);
    }

    private TrainOutcome outcome(TrainingLoop loop, TieController ties, Evaluator.Score v, Evaluator.Score t,
                                 boolean paused) {
        TrainingBackend model = loop.backend;
        MemoryLedger ledger = model.memory(loop.activationPeak);
        int episodes = loop.step == 0 ? 0 : ties == null ? (int) (loop.step / stepsPerEpisode) : ties.episode() + 1;
        Evaluator.Score none = new Evaluator.Score(Double.NaN, 0);
        return new TrainOutcome(config, data.tokenizer().name(), policy.name(), model.ties(), loop.step, episodes,
                loop.tokens, loop.trainSeconds, v == null ? none : v, t == null ? none : t,
                model.trainableParameters(), model.totalParameters(), memory(ledger), loop.stoppedByTime, paused,
                mlpCorrelation(model));
    }

    /** Figure 4 of the paper over the roots; under the actor runtime on a copy of the stages' weights. */
    private static TrainOutcome.MlpCorrelation mlpCorrelation(TrainingBackend backend) {
        try (TrainingBackend.ModelView view = backend.modelView()) {
            return mlpCorrelation(view.model());
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

    static MemoryReport memory(MemoryLedger l) {
        return MemoryReport.measure(l.parameterBytes(), l.gradientBytes(), l.optimizerStateBytes(),
                l.activationPeakBytes());
    }
}
