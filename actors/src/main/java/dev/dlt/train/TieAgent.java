package dev.dlt.train;

import dev.dlt.model.tie.TieMap;

/**
 * Who takes the tie decisions the {@link TieController} schedules: the policy on the trainer's thread
 * ({@link DirectAgent}, local runtime) or the {@code AgentActor} that sends {@code TieTo}/{@code Untie} to the
 * pipeline's coordinator ({@link ActorAgent}, actor runtime). Either way a decision is applied at a step
 * boundary, before the call returns.
 */
interface TieAgent {

    void startEpisode(int episode);

    /** Chooses the action for {@code layer} in {@code state} and applies it; returns the action. */
    int decideAndApply(int layer, TieMap state);

    /** The reward of the last decision for {@code layer}. */
    void learn(int layer, TieMap before, int action, double reward, TieMap after);

    void endEpisode();

    double epsilon();
}
