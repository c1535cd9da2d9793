package dev.dlt.train;

import com.typesafe.config.Config;
import dev.dlt.agent.AgentConfig;
import dev.dlt.agent.EpsilonSchedule;
import dev.dlt.agent.Reward;
import dev.dlt.model.UserInputException;

/**
 * Applies the keys set under {@code dlt.train.agent} over an agent preset. Keys left unset keep the
 * preset's value, so {@code --agent-preset improved --reward paper} changes one thing only.
 */
final class AgentOverrides {

    private AgentOverrides() {}

    static AgentConfig apply(AgentConfig a, Config o, int plannedEpisodes) {
        if (o.hasPath("reward") || o.hasPath("layer-cost")) {
            String name = o.hasPath("reward") ? o.getString("reward") : a.reward().name();
            double cost = o.hasPath("layer-cost") ? o.getDouble("layer-cost") : a.reward().layerCost();
            a = a.withReward(Reward.parse(name, cost));
        }
        if (o.hasPath("switch-cost") || o.hasPath("hysteresis")) {
            a = a.withChurnControl(o.hasPath("switch-cost") ? o.getDouble("switch-cost") : a.switchCost(),
                    o.hasPath("hysteresis") ? o.getDouble("hysteresis") : a.hysteresis());
        }
        a = epsilon(a, o, plannedEpisodes);
        if (o.hasPath("gamma")) {
            a = a.withGamma(o.getDouble("gamma"));
        }
        if (o.hasPath("input")) {
            a = a.withNormaliseInput(switch (o.getString("input")) {
                case "raw" -> false;
                case "normalised", "normalized" -> true;
                default -> throw new UserInputException(
                        "unknown --agent-input '" + o.getString("input") + "': expected raw or normalised");
            });
        }
        if (o.hasPath("hidden") || o.hasPath("lr") || o.hasPath("weight-decay")) {
            a = a.withQNetwork(o.hasPath("hidden") ? o.getInt("hidden") : a.hidden(),
                    o.hasPath("lr") ? o.getDouble("lr") : a.learningRate(),
                    o.hasPath("weight-decay") ? o.getDouble("weight-decay") : a.weightDecay());
        }
        return a;
    }

    /** {@code explore-fraction} sizes ε to the run; {@code epsilon-decay}/{@code epsilon-floor} set a geometric one. */
    private static AgentConfig epsilon(AgentConfig a, Config o, int plannedEpisodes) {
        double floor = o.hasPath("epsilon-floor") ? o.getDouble("epsilon-floor") : 0.01;
        if (o.hasPath("explore-fraction")) {
            return a.withEpsilon(new EpsilonSchedule.SizedToRun(1.0, floor, plannedEpisodes,
                    o.getDouble("explore-fraction")));
        }
        if (o.hasPath("epsilon-decay") || o.hasPath("epsilon-floor")) {
            double decay = o.hasPath("epsilon-decay") ? o.getDouble("epsilon-decay") : 0.95;
            return a.withEpsilon(new EpsilonSchedule.Geometric(1.0, decay, floor));
        }
        return a;
    }
}
