package dev.dlt.agent;

import dev.dlt.model.UserInputException;

import java.util.Locale;

/**
 * The reward of one decision, from the training loss measured on the reward batch. Every reward may carry
 * a parameter cost {@code λ × independent layers / L} that is subtracted last (after any clipping, so it
 * still ranks actions when the loss term is clipped).
 *
 * <p>Protocol for the trainer: {@code lossBefore} is measured on the reward batch just before the action
 * is applied, {@code lossAfter} on the same batch after the K training steps; {@code independentLayers}
 * counts the layers owning weights after the action. Rewards ignore {@code lossBefore} unless they say so.
 */
public sealed interface Reward {

    /** The CLI name: {@code paper}, {@code neg-loss} or {@code improvement}. */
    String name();

    /** λ, the cost of owning all L layers; 0 = no cost. */
    double layerCost();

    /** The loss term, before the parameter cost. */
    double lossTerm(double lossBefore, double lossAfter);

    default double of(double lossBefore, double lossAfter, int independentLayers, int layers) {
        if (layers < 1 || independentLayers < 1 || independentLayers > layers) {
            throw new IllegalArgumentException(
                    "independent layers must be in [1, " + layers + "], got " + independentLayers);
        }
        return lossTerm(lossBefore, lossAfter) - layerCost() * independentLayers / layers;
    }

    /**
     * The reference code's reward: −exp(loss) (negative perplexity) clipped to [−10, 10]. Flat at −10
     * whenever perplexity exceeds 10, so it cannot rank actions early in training.
     */
    record Paper(double layerCost) implements Reward {
        public static final double CLIP = 10.0;

        public Paper {
            requireCost(layerCost);
        }

        @Override
        public String name() {
            return "paper";
        }

        @Override
        public double lossTerm(double lossBefore, double lossAfter) {
            return Math.max(-CLIP, Math.min(CLIP, -StrictMath.exp(lossAfter)));
        }
    }

    /** −loss: ranks actions at any perplexity; drifts upward as training progresses. */
    record NegLoss(double layerCost) implements Reward {
        public NegLoss {
            requireCost(layerCost);
        }

        @Override
        public String name() {
            return "neg-loss";
        }

        @Override
        public double lossTerm(double lossBefore, double lossAfter) {
            return -lossAfter;
        }
    }

    /** lossBefore − lossAfter: what the action and the K steps after it gained; roughly stationary. */
    record Improvement(double layerCost) implements Reward {
        public Improvement {
            requireCost(layerCost);
        }

        @Override
        public String name() {
            return "improvement";
        }

        @Override
        public double lossTerm(double lossBefore, double lossAfter) {
            return lossBefore - lossAfter;
        }
    }

    /**
     * The reward named on the command line.
     *
     * @throws UserInputException for an unknown name or a negative/non-finite λ
     */
    static Reward parse(String name, double layerCost) {
        if (!(layerCost >= 0) || Double.isInfinite(layerCost)) {
            throw new UserInputException("--layer-cost must be a finite number >= 0, got " + layerCost);
        }
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "paper" -> new Paper(layerCost);
            case "neg-loss" -> new NegLoss(layerCost);
            case "improvement" -> new Improvement(layerCost);
            default -> throw new UserInputException(
                    "unknown --reward '" + name + "': expected paper, neg-loss or improvement");
        };
    }

    private static void requireCost(double layerCost) {
        if (!(layerCost >= 0) || Double.isInfinite(layerCost)) {
            throw new UserInputException("layer cost λ must be finite and >= 0, got " + layerCost);
        }
    }
}
