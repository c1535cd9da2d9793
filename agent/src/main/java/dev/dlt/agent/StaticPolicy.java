package dev.dlt.agent;

import dev.dlt.model.tie.TieMap;

/**
 * A baseline that fixes the tie vector at the start and never changes it: {@code decide} returns the
 * layer's tie in {@link #ties()}, which leaves that state unchanged. Immutable, hence thread-safe.
 *
 * @param name the CLI name ({@code conventional}, {@code cycle-rev}, ...)
 * @param ties the fixed tie vector
 */
public record StaticPolicy(String name, TieMap ties) implements TiePolicy {

    public StaticPolicy {
        if (name == null || ties == null) {
            throw new IllegalArgumentException("a static policy needs a name and a tie vector");
        }
    }

    /** The policy of one of the field's patterns with M distinct layers. */
    public static StaticPolicy of(SharingPattern pattern, int layers, int distinct) {
        return new StaticPolicy(pattern.cliName(), pattern.ties(layers, distinct));
    }

    @Override
    public int layers() {
        return ties.layers();
    }

    @Override
    public boolean adaptive() {
        return false;
    }

    @Override
    public TieMap initialState() {
        return ties;
    }

    @Override
    public void startEpisode(int episode) {
    }

    @Override
    public int decide(int layer, TieMap state) {
        return ties.root(layer);
    }

    @Override
    public void learn(int layer, TieMap before, int action, double reward, TieMap after) {
    }

    @Override
    public void endEpisode() {
    }

    @Override
    public double epsilon() {
        return 0.0;
    }

    @Override
    public AgentState snapshot() {
        return AgentState.withoutNetwork(ties.layers(), 0, 0.0, 0L);
    }

    @Override
    public void restore(AgentState state) {
        if (state.layers() != ties.layers()) {
            throw new IllegalArgumentException("agent state is for " + state.layers() + " layers, this policy has " + ties.layers());
        }
    }
}
