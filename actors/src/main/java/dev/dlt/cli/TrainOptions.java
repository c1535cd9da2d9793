package dev.dlt.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags of {@code dlt train}, each one HOCON key under {@code dlt.train}. Only flags the user gave
 * become overrides; the rest come from the experiment file, the preset and {@code dlt-train.conf}.
 */
final class TrainOptions {

    @Option(names = "--preset", description = "tiny | small | gpt2 | gpt2-medium | gpt2-large | gpt2-xl (default small)")
    String preset;
    @Option(names = "--layers", description = "Number of layers L (overrides the preset).")
    Integer layers;
    @Option(names = "--width", description = "Model width (overrides the preset).")
    Integer width;
    @Option(names = "--heads", description = "Attention heads (overrides the preset).")
    Integer heads;
    @Option(names = "--block-size", description = "Longest sequence the model can read (overrides the preset).")
    Integer blockSize;
    @Option(names = "--dropout", description = "Dropout probability.")
    Double dropout;
    @Option(names = "--data", description = "sotu (embedded, default) or a path to a corpus.")
    String data;
    @Option(names = "--format", description = "auto | sotu | wikitext | lambada | 1bw | text")
    String format;
    @Option(names = "--tokenizer", description = "gpt2 | bytes | bpe-N | a directory with encoder.json + vocab.bpe")
    String tokenizer;
    @Option(names = "--seed", description = "Seed of weights, batches, dropout and the agent.")
    Long seed;
    @Option(names = "--device", description = "auto | cpu | gpu | gpu:N")
    String device;
    @Option(names = "--batch-size", description = "Sequences per step (B).")
    Integer batchSize;
    @Option(names = "--seq-len", description = "Tokens per sequence (T).")
    Integer seqLen;
    @Option(names = "--lr", description = "Peak learning rate of AdamW.")
    Double lr;
    @Option(names = "--min-lr-ratio", description = "Cosine floor as a fraction of --lr.")
    Double minLrRatio;
    @Option(names = "--warmup-fraction", description = "Fraction of the steps spent warming up.")
    Double warmupFraction;
    @Option(names = "--clip-norm", description = "Global gradient-norm clip (0 disables).")
    Double clipNorm;
    @Option(names = "--weight-decay", description = "AdamW weight decay on matrices.")
    Double weightDecay;
    @Option(names = "--steps", description = "Optimizer steps to run.")
    Long steps;
    @Option(names = "--episodes", description = "Run this many episodes of K x (L-1) steps instead of --steps.")
    Integer episodes;
    @Option(names = "--time-budget", description = "Stop at the first step past this wall time (e.g. 10m).")
    String timeBudget;
    @Option(names = "--eval-every", description = "Steps between validation passes (0 = once per episode).")
    Integer evalEvery;
    @Option(names = "--eval-batches", description = "Batches per periodic validation pass.")
    Integer evalBatches;
    @Option(names = "--final-eval-batches", description = "Batches of each split in the final evaluation (0 = whole split).")
    Integer finalEvalBatches;
    @Option(names = "--policy", description = "dlt | random | conventional | all-shared | sequence | cycle | cycle-rev")
    String policy;
    @Option(names = {"--unique-layers", "--distinct-layers"}, description = "M for sequence/cycle/cycle-rev (0 = L/2).")
    Integer distinctLayers;
    @Option(names = "--gradient-mode", description = "shared (tied uses train the root) | frozen (reference code)")
    String gradientMode;
    @Option(names = {"--steps-per-decision", "-K"}, description = "Training steps between two agent decisions (K).")
    Integer stepsPerDecision;
    @Option(names = "--agent-preset", description = "reference (the paper) | improved")
    String agentPreset;
    @Option(names = "--reward", description = "paper | neg-loss | improvement")
    String reward;
    @Option(names = "--layer-cost", description = "Reward cost per independent layer, times independent/L.")
    Double layerCost;
    @Option(names = "--switch-cost", description = "Reward cost of changing a layer's tie.")
    Double switchCost;
    @Option(names = "--hysteresis", description = "Q margin another action needs over the current tie.")
    Double hysteresis;
    @Option(names = "--epsilon-decay", description = "Geometric ε decay per episode (paper: 0.95).")
    Double epsilonDecay;
    @Option(names = "--epsilon-floor", description = "Lowest ε (paper: 0.01).")
    Double epsilonFloor;
    @Option(names = "--explore-fraction", description = "Size ε to the run: reach the floor after this fraction of episodes.")
    Double exploreFraction;
    @Option(names = "--agent-gamma", description = "Discount γ of the Q update (paper: 0.99).")
    Double agentGamma;
    @Option(names = "--agent-input", description = "raw (paper) | normalised: the Q-network's view of the tie state.")
    String agentInput;
    @Option(names = "--agent-hidden", description = "Q-network hidden width (paper: 128).")
    Integer agentHidden;
    @Option(names = "--agent-lr", description = "Q-network AdamW learning rate (paper: 1e-3).")
    Double agentLr;
    @Option(names = "--agent-weight-decay", description = "Q-network AdamW weight decay (paper: 0.01).")
    Double agentWeightDecay;
    @Option(names = "--checkpoint-every", description = "Save a checkpoint every N steps (0 = only at the end).")
    Integer checkpointEvery;
    @Option(names = "--keep-checkpoints", description = "Keep the N newest checkpoints (default 2).")
    Integer keepCheckpoints;
    @Option(names = "--init-from", description = "Start from a GPT-2 safetensors file (e.g. a pretrained gpt2) instead of random weights.")
    String initFrom;
    @Option(names = "--out", description = "Run directory (default runs/<date>-<time>-<policy>); never overwritten.")
    String out;

    /** The given flags as a config rooted at {@code dlt.train}. */
    Config asConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "preset", preset);
        put(m, "layers", layers);
        put(m, "width", width);
        put(m, "heads", heads);
        put(m, "block-size", blockSize);
        put(m, "dropout", dropout);
        put(m, "data", data);
        put(m, "format", format);
        put(m, "tokenizer", tokenizer);
        put(m, "seed", seed);
        put(m, "device", device);
        put(m, "batch-size", batchSize);
        put(m, "seq-len", seqLen);
        put(m, "lr", lr);
        put(m, "min-lr-ratio", minLrRatio);
        put(m, "warmup-fraction", warmupFraction);
        put(m, "clip-norm", clipNorm);
        put(m, "weight-decay", weightDecay);
        put(m, "steps", steps);
        put(m, "episodes", episodes);
        put(m, "time-budget", timeBudget);
        put(m, "eval-every", evalEvery);
        put(m, "eval-batches", evalBatches);
        put(m, "final-eval-batches", finalEvalBatches);
        put(m, "policy", policy);
        put(m, "distinct-layers", distinctLayers);
        put(m, "gradient-mode", gradientMode);
        put(m, "steps-per-decision", stepsPerDecision);
        put(m, "agent.preset", agentPreset);
        put(m, "agent.reward", reward);
        put(m, "agent.layer-cost", layerCost);
        put(m, "agent.switch-cost", switchCost);
        put(m, "agent.hysteresis", hysteresis);
        put(m, "agent.epsilon-decay", epsilonDecay);
        put(m, "agent.epsilon-floor", epsilonFloor);
        put(m, "agent.explore-fraction", exploreFraction);
        put(m, "agent.gamma", agentGamma);
        put(m, "agent.input", agentInput);
        put(m, "agent.hidden", agentHidden);
        put(m, "agent.lr", agentLr);
        put(m, "agent.weight-decay", agentWeightDecay);
        put(m, "checkpoint-every", checkpointEvery);
        put(m, "keep-checkpoints", keepCheckpoints);
        put(m, "init-from", initFrom);
        put(m, "out", out);
        return ConfigFactory.parseMap(m, "command-line flags");
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put("dlt.train." + key, value);
        }
    }
}
