package dev.dlt.train;

import dev.dlt.agent.Reward;
import dev.dlt.agent.TiePolicy;
import dev.dlt.model.data.Batch;
import dev.dlt.model.tie.TieChange;
import dev.dlt.model.tie.TieMap;
import dev.dlt.report.TieLog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an adaptive {@link TiePolicy} through the paper's episode protocol on step boundaries: decision d
 * happens before step d·K, for layer d mod (L−1) + 1 of episode d / (L−1). Its reward is measured on a
 * fixed training batch (the reward batch) K steps later, just before the next decision — so the loss
 * "after" one decision is also the loss "before" the next, and one forward pass serves both.
 *
 * <p>Ties change only here, between steps, never inside one.
 */
final class TieController {

    /** A decision whose reward is not known yet. */
    private record Pending(long step, int episode, int layer, int action, TieMap before, TieMap after,
                           double lossBefore, double epsilon) {}

    private final TiePolicy policy;
    private final Reward reward;
    private final Batch rewardBatch;
    private final int layers;
    private final int stepsPerDecision;
    private Pending pending;
    private int episode = -1;
    private TieAgent agent;

    TieController(TiePolicy policy, Reward reward, Batch rewardBatch, int stepsPerDecision) {
        this.policy = policy;
        this.reward = reward;
        this.rewardBatch = rewardBatch;
        this.layers = policy.layers();
        this.stepsPerDecision = stepsPerDecision;
    }

    /** Whether a decision is due before {@code step}. */
    boolean due(long step) {
        return layers > 1 && step % stepsPerDecision == 0;
    }

    /** Completes the previous decision and makes the next one; call only when {@link #due}. */
    void decide(long step, TrainingBackend model, TrainListener listener) {
        agent(model);
        double lossNow = model.evaluate(rewardBatch);
        complete(model, lossNow, listener);
        long d = step / stepsPerDecision;
        int layer = (int) (d % (layers - 1)) + 1;
        int e = (int) (d / (layers - 1));
        if (e != episode) {
            if (episode >= 0) {
                agent.endEpisode();
            }
            episode = e;
            agent.startEpisode(e);
        }
        TieMap before = model.ties();
        int action = agent.decideAndApply(layer, before);
        pending = new Pending(step, e, layer, action, before, model.ties(), lossNow, agent.epsilon());
    }

    /** Rewards the last decision at the end of training; closes the episode if it was its last layer. */
    void finish(TrainingBackend model, TrainListener listener) {
        if (pending == null) {
            return;
        }
        agent(model);
        boolean episodeComplete = pending.layer() == layers - 1;
        complete(model, model.evaluate(rewardBatch), listener);
        if (episodeComplete) {
            agent.endEpisode();
        }
    }

    /** The runtime's agent, made on first use (after any resume, so it starts from the restored ties). */
    private void agent(TrainingBackend model) {
        if (agent == null) {
            agent = model.agent(policy);
        }
    }

    private void complete(TrainingBackend model, double lossAfter, TrainListener listener) {
        if (pending == null) {
            return;
        }
        Pending p = pending;
        double r = reward.of(p.lossBefore(), lossAfter, p.after().independentCount(), layers);
        agent.learn(p.layer(), p.before(), p.action(), r, p.after());
        listener.onTie(new TieLog(p.step(), p.episode(), p.layer(), p.action(), p.before().toString(),
                p.after().toString(), r, p.epsilon(), lossAfter, model.trainableParameters(),
                TieChange.of(p.before(), p.after(), p.layer()).name()));
        pending = null;
    }

    /** The controller's part of a checkpoint: the episode and the decision awaiting its reward. */
    Map<String, Object> saveState() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("episode", episode);
        if (pending != null) {
            m.put("pending.step", pending.step());
            m.put("pending.episode", pending.episode());
            m.put("pending.layer", pending.layer());
            m.put("pending.action", pending.action());
            m.put("pending.before", toList(pending.before()));
            m.put("pending.after", toList(pending.after()));
            m.put("pending.lossBefore", pending.lossBefore());
            m.put("pending.epsilon", pending.epsilon());
        }
        return m;
    }

    /** Continues from {@link #saveState()}; values may come back from JSON as any Number. */
    void restoreState(Map<String, Object> m) {
        episode = ((Number) m.get("episode")).intValue();
        if (m.containsKey("pending.step")) {
            pending = new Pending(num(m, "pending.step").longValue(), num(m, "pending.episode").intValue(),
                    num(m, "pending.layer").intValue(), num(m, "pending.action").intValue(),
                    tieMap(m.get("pending.before")), tieMap(m.get("pending.after")),
                    num(m, "pending.lossBefore").doubleValue(), num(m, "pending.epsilon").doubleValue());
        }
    }

    /** The step of the decision still awaiting its reward, or -1. */
    long pendingStep() {
        return pending == null ? -1 : pending.step();
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("checkpoint controller state lacks " + key);
        }
        return n;
    }

    private static List<Integer> toList(TieMap t) {
        return Arrays.stream(t.toArray()).boxed().toList();
    }

    private static TieMap tieMap(Object o) {
        return TieMap.of(((List<?>) o).stream().mapToInt(x -> ((Number) x).intValue()).toArray());
    }

    int episode() {
        return Math.max(episode, 0);
    }

    TiePolicy policy() {
        return policy;
    }
}
