package dev.dlt.train;

import dev.dlt.agent.TiePolicy;
import dev.dlt.model.tie.TieMap;

/** The policy asked directly; its action applied to the backend at once. */
record DirectAgent(TiePolicy policy, TrainingBackend backend) implements TieAgent {

    @Override
    public void startEpisode(int episode) {
        policy.startEpisode(episode);
    }

    @Override
    public int decideAndApply(int layer, TieMap state) {
        int action = policy.decide(layer, state);
        if (action == layer) {
            backend.untie(layer);
        } else if (state.root(layer) != state.root(action)) {
            backend.tie(layer, action);
        }
        return action;
    }

    @Override
    public void learn(int layer, TieMap before, int action, double reward, TieMap after) {
        policy.learn(layer, before, action, reward, after);
    }

    @Override
    public void endEpisode() {
        policy.endEpisode();
    }

    @Override
    public double epsilon() {
        return policy.epsilon();
    }
}
