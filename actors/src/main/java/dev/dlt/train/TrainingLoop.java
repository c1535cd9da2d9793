package dev.dlt.train;

import dev.dlt.agent.AgentStateCodec;
import dev.dlt.agent.TiePolicy;
import dev.dlt.model.checkpoint.CheckpointStore;
import dev.dlt.model.checkpoint.TrainingState;
import dev.dlt.model.data.Batch;
import dev.dlt.model.data.TokenFile;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.optim.LrSchedule;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.report.EvalLog;
import dev.dlt.report.StepLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training loop proper, nanoGPT-style: tie decision, batch, step, log, evaluate, checkpoint. Holds
 * the model and optimizer of one run and what the loop measures; runs on the caller's thread.
 */
final class TrainingLoop {

    private final TrainSettings s;
    final TrainingBackend backend;
    private final LrSchedule schedule;
    private final TieController ties;
    private final int stepsPerEpisode;
    private final TokenFile valid;
    private final TrainListener listener;
    private final String tokenizer;
    private final TiePolicy policy;
    long step;
    long tokens;
    double trainSeconds;
    long activationPeak;
    boolean stoppedByTime;

    TrainingLoop(TrainSettings s, TrainingBackend backend, LrSchedule schedule, TieController ties,
                 int stepsPerEpisode, TokenFile valid, TrainListener listener, String tokenizer, TiePolicy policy) {
        this.s = s;
        this.backend = backend;
        this.schedule = schedule;
        this.ties = ties;
        this.stepsPerEpisode = stepsPerEpisode;
        this.valid = valid;
        this.listener = listener;
        this.tokenizer = tokenizer;
        this.policy = policy;
    }

    /** Runs steps until {@code end} (exclusive), the time budget, or a stop request (at a step boundary). */
    void run(BatchFeed feed, long end, CheckpointStore checkpoints, StopRequest stop) {
        long start = System.nanoTime();
        long budgetNanos = s.budget().timeBudget().toNanos();
        double smoothed = 0;
        while (step < end && !stop.isRequested()) {
            if (budgetNanos > 0 && System.nanoTime() - start > budgetNanos) {
                stoppedByTime = true;
                break;
            }
            // tie decision, at the step boundary
            if (ties != null && ties.due(step)) {
                ties.decide(step, backend, listener);
            }
            // forward, backward, clip, update
            Batch batch = feed.next();
            double lr = schedule.at(step);
            long t0 = System.nanoTime();
            TrainingStep.Result r = backend.step(batch, lr, Dropout.stepKey(s.seed(), step));
            double sec = (System.nanoTime() - t0) / 1e9;
            requireFinite(r.loss(), "loss");
            requireFinite(r.gradNorm(), "gradient norm");
            // log
            trainSeconds += sec;
            tokens += batch.tokens();
            activationPeak = Math.max(activationPeak, r.activationBytes());
            double tps = batch.tokens() / sec;
            smoothed = smoothed == 0 ? tps : 0.9 * smoothed + 0.1 * tps;
            listener.onStep(new StepLog(step, episode(), lr, r.loss(), r.gradNorm(), smoothed,
                    (System.nanoTime() - start) / 1e9, backend.trainableParameters(), backend.ties().toString()));
            step++;
            // evaluate, checkpoint
            if (evalDue()) {
                evaluate();
            }
            if (s.checkpointEvery() > 0 && step % s.checkpointEvery() == 0 && step < end) {
                saveCheckpoint(checkpoints);
            }
        }
    }

    private int episode() {
        return ties != null ? ties.episode() : (int) (step / stepsPerEpisode);
    }

    private boolean evalDue() {
        int every = s.evalEvery() > 0 ? s.evalEvery() : stepsPerEpisode;
        return step % every == 0 || step == s.plannedSteps(backend.ties().layers());
    }

    private void evaluate() {
        Evaluator.Score v = Evaluator.evaluate(backend::evaluate, valid, s.batchSize(), s.seqLen(), s.evalBatches());
        listener.onEval(new EvalLog(step, episode(), v.loss(), v.perplexity(), backend.trainableParameters(),
                Trainer.memory(backend.memory(activationPeak))));
    }

    private void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("training diverged at step " + step + " (" + what + " " + value
                    + "); lower --lr or raise --warmup-fraction");
        }
    }

    // ---- checkpoints ---------------------------------------------------------------------------

    /**
     * Saves everything an exact resume needs at the current step boundary, in one format for both runtimes
     * (the actor runtime's stages are copied out into a local model for the save).
     */
    void saveCheckpoint(CheckpointStore checkpoints) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("loop.tokens", tokens);
        state.put("loop.trainSeconds", trainSeconds);
        state.put("loop.activationPeak", activationPeak);
        state.put("policy", policy.name());
        if (ties != null) {
            ties.saveState().forEach((k, v) -> state.put("controller." + k, v));
        }
        byte[] agent = policy.adaptive() ? AgentStateCodec.encode(policy.snapshot()) : new byte[0];
        TrainingState training = new TrainingState(step, ties == null ? 0 : Math.max(0, ties.episode()),
                state, Map.of("seed", s.seed()), tokenizer, agent);
        try (TrainingBackend.ModelView view = backend.modelView()) {
            checkpoints.save(view.model(), view.optimizer(), training);
        }
    }

    /** Continues the counters and the tie controller of a checkpoint. */
    void restore(TrainingState t) {
        step = t.step();
        Map<String, Object> m = t.settings();
        tokens = ((Number) m.get("loop.tokens")).longValue();
        trainSeconds = ((Number) m.get("loop.trainSeconds")).doubleValue();
        activationPeak = ((Number) m.get("loop.activationPeak")).longValue();
        if (ties != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (k.startsWith("controller.")) {
                    c.put(k.substring("controller.".length()), v);
                }
            });
            ties.restoreState(c);
        }
    }
}
