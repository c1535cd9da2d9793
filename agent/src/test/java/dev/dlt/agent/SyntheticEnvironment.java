package dev.dlt.agent;

import dev.dlt.model.tie.TieMap;

/**
 * A stand-in for the transformer: one tie vector pays and every other costs. The reward of a decision is
 * −(number of layers whose root differs from the target's) after the action, so the best action for
 * layer i is the target's tie for i. Drives a policy with the trainer's episode protocol.
 */
final class SyntheticEnvironment {

    private final TieMap target;
    private final boolean improvement;

    SyntheticEnvironment(TieMap target, boolean improvement) {
        this.target = target;
        this.improvement = improvement;
    }

    double reward(TieMap state) {
        int wrong = 0;
        for (int i = 0; i < state.layers(); i++) {
            if (state.root(i) != target.root(i)) {
                wrong++;
            }
        }
        return -wrong;
    }

    /** One episode of the protocol; returns the state at its end. */
    TieMap episode(TiePolicy policy, int e, TieMap state) {
        policy.startEpisode(e);
        for (int i = 1; i < state.layers(); i++) {
            int action = policy.decide(i, state);
            TieMap after = state.apply(i, action);
            double r = improvement ? reward(after) - reward(state) : reward(after);
            policy.learn(i, state, action, r, after);
            state = after;
        }
        policy.endEpisode();
        return state;
    }

    /** The state one greedy pass (no exploration, no learning) reaches from {@code start}. */
    static TieMap greedyPass(DltPolicy policy, TieMap start) {
        TieMap state = start;
        for (int i = 1; i < state.layers(); i++) {
            state = state.apply(i, policy.greedyAction(i, state));
        }
        return state;
    }
}
