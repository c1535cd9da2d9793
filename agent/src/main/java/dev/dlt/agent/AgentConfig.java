package dev.dlt.agent;

import dev.dlt.model.UserInputException;

import java.util.Locale;

/**
 * Every setting of the dynamic-tying agent; {@link #reference()} holds the paper's values. Immutable and
 * validated on construction.
 *
 * @param hidden          width of the Q-network's hidden layer (paper: 128)
 * @param learningRate    AdamW learning rate of the Q-network (paper: 1e-3)
 * @param weightDecay     AdamW decoupled weight decay (paper: 0.01)
 * @param beta1           AdamW β1 (PyTorch default 0.9)
 * @param beta2           AdamW β2 (PyTorch default 0.999)
 * @param adamEpsilon     AdamW ε in the denominator (PyTorch default 1e-8)
 * @param gamma           TD discount γ in [0, 1] (paper: 0.99)
 * @param epsilon         ε-greedy schedule (paper: 1.0 × 0.95 per episode, floor 0.01)
 * @param normaliseInput  feed s[i]/L instead of the raw ints s[i] (paper: raw)
 * @param reward          how the trainer turns losses into a reward (paper: {@code paper}, λ = 0)
 * @param switchCost      c subtracted from the reward when the action changed the layer's root (paper: 0)
 * @param hysteresis      δ: a greedy choice keeps the layer's current tie unless another action's Q exceeds
 *                        the current action's Q by more than δ (paper: 0 = plain argmax)
 * @param seed            seeds the Q-network's initialisation and every ε-greedy draw
 */
public record AgentConfig(
        int hidden,
        double learningRate,
        double weightDecay,
        double beta1,
        double beta2,
        double adamEpsilon,
        double gamma,
        EpsilonSchedule epsilon,
        boolean normaliseInput,
        Reward reward,
        double switchCost,
        double hysteresis,
        long seed) {

    public AgentConfig {
        require(hidden >= 1, "Q-network hidden width must be >= 1, got " + hidden);
        require(learningRate > 0 && Double.isFinite(learningRate), "agent learning rate must be > 0, got " + learningRate);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "agent weight decay must be >= 0, got " + weightDecay);
        require(beta1 >= 0 && beta1 < 1, "AdamW beta1 must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, "AdamW beta2 must be in [0, 1), got " + beta2);
        require(adamEpsilon > 0 && Double.isFinite(adamEpsilon), "AdamW epsilon must be > 0, got " + adamEpsilon);
        require(gamma >= 0 && gamma <= 1, "discount gamma must be in [0, 1], got " + gamma);
        require(epsilon != null, "epsilon schedule is required");
        require(reward != null, "reward is required");
        require(switchCost >= 0 && Double.isFinite(switchCost), "switch cost must be >= 0, got " + switchCost);
        require(hysteresis >= 0 && Double.isFinite(hysteresis), "hysteresis must be >= 0, got " + hysteresis);
    }

    /** The paper's agent, as in the reference code. */
    public static AgentConfig reference() {
        return new AgentConfig(128, 1e-3, 0.01, 0.9, 0.999, 1e-8, 0.99, EpsilonSchedule.paper(),
                false, new Reward.Paper(0), 0, 0, 0L);
    }

    /**
     * dlt's proposed agent for a run of {@code plannedEpisodes} episodes (see docs/notes-agent.md for why):
     * ε reaches 0.01 after half the run, normalised input, the {@code improvement} reward, γ = 0.9,
     * a switch cost of 0.02 and a hysteresis margin of 0.02. Unmeasured guesses until the lead's runs.
     */
    public static AgentConfig improved(int plannedEpisodes) {
        return new AgentConfig(128, 1e-3, 0.01, 0.9, 0.999, 1e-8, 0.9,
                new EpsilonSchedule.SizedToRun(1.0, 0.01, plannedEpisodes, 0.5),
                true, new Reward.Improvement(0), 0.02, 0.02, 0L);
    }

    /**
     * The preset named on the command line ({@code reference} or {@code improved}).
     *
     * @throws UserInputException for an unknown name or a non-positive episode count
     */
    public static AgentConfig preset(String name, int plannedEpisodes) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "reference", "paper" -> reference();
            case "improved" -> {
                if (plannedEpisodes < 1) {
                    throw new UserInputException(
                            "--agent-preset improved needs the planned number of episodes (>= 1), got " + plannedEpisodes);
                }
                yield improved(plannedEpisodes);
            }
            default -> throw new UserInputException(
                    "unknown --agent-preset '" + name + "': expected reference or improved");
        };
    }

    public AgentConfig withSeed(long newSeed) {
        return new AgentConfig(hidden, learningRate, weightDecay, beta1, beta2, adamEpsilon, gamma, epsilon,
                normaliseInput, reward, switchCost, hysteresis, newSeed);
    }

    public AgentConfig withReward(Reward newReward) {
        return new AgentConfig(hidden, learningRate, weightDecay, beta1, beta2, adamEpsilon, gamma, epsilon,
                normaliseInput, newReward, switchCost, hysteresis, seed);
    }

    public AgentConfig withEpsilon(EpsilonSchedule newEpsilon) {
        return new AgentConfig(hidden, learningRate, weightDecay, beta1, beta2, adamEpsilon, gamma, newEpsilon,
                normaliseInput, reward, switchCost, hysteresis, seed);
    }

    public AgentConfig withQNetwork(int newHidden, double newLearningRate, double newWeightDecay) {
        return new AgentConfig(newHidden, newLearningRate, newWeightDecay, beta1, beta2, adamEpsilon, gamma,
                epsilon, normaliseInput, reward, switchCost, hysteresis, seed);
    }

    public AgentConfig withGamma(double newGamma) {
        return new AgentConfig(hidden, learningRate, weightDecay, beta1, beta2, adamEpsilon, newGamma, epsilon,
                normaliseInput, reward, switchCost, hysteresis, seed);
    }

    public AgentConfig withNormaliseInput(boolean normalise) {
        return new AgentConfig(hidden, learningRate, weightDecay, beta1, beta2, adamEpsilon, gamma, epsilon,
                normalise, reward, switchCost, hysteresis, seed);
    }

    /** Switch cost c and hysteresis δ, the two anti-churn settings. */
    public AgentConfig withChurnControl(double newSwitchCost, double newHysteresis) {
        return new AgentConfig(hidden, learningRate, weightDecay, beta1, beta2, adamEpsilon, gamma, epsilon,
                normaliseInput, reward, newSwitchCost, newHysteresis, seed);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserInputException(message);
        }
    }
}
