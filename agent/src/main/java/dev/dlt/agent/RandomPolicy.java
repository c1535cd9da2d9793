package dev.dlt.agent;

import dev.dlt.model.tie.TieMap;

/**
 * The random agent baseline: dynamic tying with ε = 1 throughout, so every action is uniform over layer
 * i's i+1 actions; it keeps no Q-network. Starts from all layers tied to layer 0. Thread-safe; seeded.
 */
public final class RandomPolicy implements TiePolicy {

    private final int layers;
    private final SplitMix64 rng;
    private int episodesDone;

    public RandomPolicy(int layers, long seed) {
        if (layers < 2) {
            throw new IllegalArgumentException("the random agent needs at least 2 layers, got " + layers);
        }
        this.layers = layers;
        this.rng = new SplitMix64(seed);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public int layers() {
        return layers;
    }

    @Override
    public boolean adaptive() {
        return true;
    }

    @Override
    public TieMap initialState() {
        return TieMap.allTiedToFirst(layers);
    }

    @Override
    public synchronized void startEpisode(int episode) {
    }

    @Override
    public synchronized int decide(int layer, TieMap state) {
        if (layer < 1 || layer >= layers || state.layers() != layers) {
            throw new IllegalArgumentException("the agent decides for layers 1.." + (layers - 1) + ", got " + layer);
        }
        return rng.nextInt(layer + 1);
    }

    @Override
    public synchronized void learn(int layer, TieMap before, int action, double reward, TieMap after) {
        // nothing to learn: the baseline measures what undirected tying costs
    }

    @Override
    public synchronized void endEpisode() {
        episodesDone++;
    }

    @Override
    public double epsilon() {
        return 1.0;
    }

    @Override
    public synchronized AgentState snapshot() {
        return AgentState.withoutNetwork(layers, episodesDone, 1.0, rng.state());
    }

    @Override
    public synchronized void restore(AgentState state) {
        if (state.layers() != layers) {
            throw new IllegalArgumentException("agent state is for " + state.layers() + " layers, this policy has " + layers);
        }
        rng.setState(state.rngState());
        episodesDone = state.episodesDone();
    }
}
