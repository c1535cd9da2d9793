package dev.dlt.agent;

import java.util.Arrays;

/**
 * Everything a checkpoint needs to continue a policy exactly: after {@code restore(snapshot())} a policy
 * makes the same decisions and updates as the original. Arrays are copied in and out; the record holds no
 * native memory. Policies without a Q-network (random, static) leave the arrays empty.
 *
 * @param layers          L of the model the policy was made for
 * @param episodesDone    finished episodes (drives the ε schedule)
 * @param epsilon         current ε (derived from episodesDone; kept for logs and as a check)
 * @param rngState        state of the policy's SplitMix64 stream
 * @param adamStep        AdamW steps taken (one per learn call)
 * @param parameters      Q-network parameters, layout of {@link QNetwork}
 * @param adamFirstMoment AdamW m, same layout
 * @param adamSecondMoment AdamW v, same layout
 * @param lastTdLoss      squared TD error of the last update, NaN before the first
 */
public record AgentState(
        int layers,
        int episodesDone,
        double epsilon,
        long rngState,
        long adamStep,
        double[] parameters,
        double[] adamFirstMoment,
        double[] adamSecondMoment,
        double lastTdLoss) {

    public AgentState {
        if (layers < 1 || episodesDone < 0 || adamStep < 0) {
            throw new IllegalArgumentException("invalid agent state: layers " + layers + ", episodes "
                    + episodesDone + ", adam step " + adamStep);
        }
        if (parameters.length != adamFirstMoment.length || parameters.length != adamSecondMoment.length) {
            throw new IllegalArgumentException("agent state arrays differ in length: " + parameters.length + "/"
                    + adamFirstMoment.length + "/" + adamSecondMoment.length);
        }
        parameters = parameters.clone();
        adamFirstMoment = adamFirstMoment.clone();
        adamSecondMoment = adamSecondMoment.clone();
    }

    /** State of a policy with no Q-network. */
    static AgentState withoutNetwork(int layers, int episodesDone, double epsilon, long rngState) {
        double[] none = new double[0];
        return new AgentState(layers, episodesDone, epsilon, rngState, 0, none, none, none, Double.NaN);
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double[] adamFirstMoment() {
        return adamFirstMoment.clone();
    }

    @Override
    public double[] adamSecondMoment() {
        return adamSecondMoment.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentState s && layers == s.layers && episodesDone == s.episodesDone
                && Double.compare(epsilon, s.epsilon) == 0 && rngState == s.rngState && adamStep == s.adamStep
                && Arrays.equals(parameters, s.parameters) && Arrays.equals(adamFirstMoment, s.adamFirstMoment)
                && Arrays.equals(adamSecondMoment, s.adamSecondMoment)
                && Double.compare(lastTdLoss, s.lastTdLoss) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(rngState) + Arrays.hashCode(parameters)) + episodesDone;
    }

    @Override
    public String toString() {
        return "AgentState[layers=" + layers + ", episodesDone=" + episodesDone + ", epsilon=" + epsilon
                + ", adamStep=" + adamStep + ", parameters=" + parameters.length + ", lastTdLoss=" + lastTdLoss + "]";
    }
}
