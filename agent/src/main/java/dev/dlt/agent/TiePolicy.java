package dev.dlt.agent;

import dev.dlt.model.tie.TieMap;

/**
 * Who decides the ties. The trainer drives every policy with the same episode protocol:
 * <pre>
 *   state = policy.initialState()
 *   for each episode e:
 *     policy.startEpisode(e)
 *     for i = 1 .. L-1:
 *       action = policy.decide(i, state)          // 0..i-1: tie to that layer, i: independent
 *       after  = state.apply(i, action)
 *       run K training steps, measure the reward (see {@link Reward})
 *       policy.learn(i, state, action, reward, after)
 *       state = after
 *     policy.endEpisode()                         // decays ε
 * </pre>
 * Static policies return the layer's current tie from {@code decide}, so the state never changes; a
 * trainer may skip the loop when {@link #adaptive()} is false. Implementations are thread-safe.
 */
public sealed interface TiePolicy permits DltPolicy, RandomPolicy, StaticPolicy {

    /** The CLI name ({@code dlt}, {@code random}, {@code cycle-rev}, ...). */
    String name();

    /** Number of layers L the policy was made for. */
    int layers();

    /** False for the static baselines, whose tie state never changes. */
    boolean adaptive();

    /** The tie state at the start of training. */
    TieMap initialState();

    void startEpisode(int episode);

    /** The action for layer i (1..L−1) in the given state: j &lt; i ties to j, i makes it independent. */
    int decide(int layer, TieMap state);

    /** Reports the outcome of the last decision for layer i; {@code reward} is {@link Reward}'s value. */
    void learn(int layer, TieMap before, int action, double reward, TieMap after);

    void endEpisode();

    /** Current exploration rate: 1 for random, 0 for static policies. */
    double epsilon();

    AgentState snapshot();

    /** Continues from a snapshot of a policy of the same kind, L and config. */
    void restore(AgentState state);
}
