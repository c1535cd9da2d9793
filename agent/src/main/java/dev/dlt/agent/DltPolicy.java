package dev.dlt.agent;

import dev.dlt.model.tie.TieMap;

/**
 * Dynamic layer tying's Q-learning agent (Hay &amp; Wolf): ε-greedy over layer i's slice of the
 * Q-network's outputs, and one online AdamW update per decision towards the TD target
 * {@code r + γ · max over layer i's slice of Q(after)} (no replay, no target network), with the
 * optional switch cost and hysteresis of {@link AgentConfig}.
 *
 * <p>Thread-safe: every method is synchronized. All randomness (initialisation, then ε-greedy draws)
 * comes from one SplitMix64 stream seeded by {@link AgentConfig#seed()}, so the same seed and the same
 * rewards give the same decisions. Holds no native memory.
 */
public final class DltPolicy implements TiePolicy {

    private final AgentConfig config;
    private final int layers;
    private final SplitMix64 rng;
    private final QNetwork qNetwork;
    private final AdamW adamW;
    private final double[] grad;
    private int episodesDone;
    private double epsilon;
    private double lastTdLoss = Double.NaN;
    private double lastReward = Double.NaN;
    private boolean lastExplored;

    public DltPolicy(AgentConfig config, int layers) {
        if (layers < 2) {
            throw new IllegalArgumentException("dynamic tying needs at least 2 layers, got " + layers);
        }
        this.config = config;
        this.layers = layers;
        this.rng = new SplitMix64(config.seed());
        this.qNetwork = QNetwork.initialised(layers, config.hidden(), ActionSpace.size(layers), rng);
        this.adamW = new AdamW(config, qNetwork.parametersView().length);
        this.grad = new double[qNetwork.parametersView().length];
        this.epsilon = config.epsilon().epsilon(0);
    }

    @Override
    public String name() {
        return "dlt";
    }

    @Override
    public int layers() {
        return layers;
    }

    @Override
    public boolean adaptive() {
        return true;
    }

    public AgentConfig config() {
        return config;
    }

    @Override
    public TieMap initialState() {
        return TieMap.allTiedToFirst(layers);
    }

    @Override
    public synchronized void startEpisode(int episode) {
        // ε depends only on finished episodes; nothing to reset per episode
    }

    @Override
    public synchronized int decide(int layer, TieMap state) {
        checkLayer(layer, state);
        lastExplored = rng.nextDouble() < epsilon;
        return lastExplored ? rng.nextInt(layer + 1) : greedyAction(layer, state);
    }

    /**
     * The greedy choice (no exploration): the argmax of layer i's slice (lowest action on equal Q), except
     * that with hysteresis δ &gt; 0 the current tie {@code state.root(i)} is kept unless the argmax beats
     * it by more than δ.
     */
    public synchronized int greedyAction(int layer, TieMap state) {
        checkLayer(layer, state);
        double[] q = qValues(layer, state);
        int best = 0;
        for (int a = 1; a < q.length; a++) {
            if (q[a] > q[best]) {
                best = a;
            }
        }
        int current = state.root(layer);
        if (config.hysteresis() > 0 && q[best] - q[current] <= config.hysteresis()) {
            return current;
        }
        return best;
    }

    @Override
    public synchronized void learn(int layer, TieMap before, int action, double reward, TieMap after) {
        checkLayer(layer, before);
        if (!after.equals(before.apply(layer, action))) {
            throw new IllegalArgumentException("state after " + after + " is not " + before + " with action "
                    + action + " applied to layer " + layer);
        }
        double r = before.root(layer) != after.root(layer) ? reward - config.switchCost() : reward;
        double[] next = qValues(layer, after);
        double maxNext = next[0];
        for (double v : next) {
            maxNext = Math.max(maxNext, v);
        }
        double target = r + config.gamma() * maxNext; // a constant: no gradient flows into the target
        double[] theta = qNetwork.parametersView();
        lastTdLoss = qNetwork.lossAndGradient(input(before), ActionSpace.index(layer, action), target, grad);
        adamW.step(theta, grad);
        lastReward = r;
    }

    @Override
    public synchronized void endEpisode() {
        episodesDone++;
        epsilon = config.epsilon().epsilon(episodesDone);
    }

    @Override
    public synchronized double epsilon() {
        return epsilon;
    }

    public synchronized int episodesDone() {
        return episodesDone;
    }

    /** Q values of layer i's i+1 actions in the given state, for logs. */
    public synchronized double[] qValues(int layer, TieMap state) {
        double[] all = qNetwork.forward(input(state));
        double[] slice = new double[layer + 1];
        System.arraycopy(all, ActionSpace.offset(layer), slice, 0, slice.length);
        return slice;
    }

    /** Squared TD error of the last update; NaN before the first. */
    public synchronized double lastTdLoss() {
        return lastTdLoss;
    }

    /** The reward the last update used, after the switch cost; NaN before the first. */
    public synchronized double lastReward() {
        return lastReward;
    }

    /** Whether the last decision was an ε draw (true) or greedy (false). */
    public synchronized boolean lastDecisionExplored() {
        return lastExplored;
    }

    @Override
    public synchronized AgentState snapshot() {
        return new AgentState(layers, episodesDone, epsilon, rng.state(), adamW.stepCount(),
                qNetwork.parameters(), adamW.firstMoment(), adamW.secondMoment(), lastTdLoss);
    }

    @Override
    public synchronized void restore(AgentState state) {
        if (state.layers() != layers) {
            throw new IllegalArgumentException("agent state is for " + state.layers() + " layers, this policy has " + layers);
        }
        qNetwork.setParameters(state.parameters());
        adamW.restore(state.adamStep(), state.adamFirstMoment(), state.adamSecondMoment());
        rng.setState(state.rngState());
        episodesDone = state.episodesDone();
        epsilon = state.epsilon();
        lastTdLoss = state.lastTdLoss();
    }

    /** The state as the Q-network sees it: raw ints s[k] (paper) or s[k]/L. */
    private double[] input(TieMap state) {
        int[] s = state.toArray();
        double[] x = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            x[k] = config.normaliseInput() ? s[k] / (double) layers : s[k];
        }
        return x;
    }

    private void checkLayer(int layer, TieMap state) {
        if (state.layers() != layers) {
            throw new IllegalArgumentException("tie state has " + state.layers() + " layers, the policy " + layers);
        }
        if (layer < 1 || layer >= layers) {
            throw new IllegalArgumentException("the agent decides for layers 1.." + (layers - 1) + ", got " + layer);
        }
    }
}
