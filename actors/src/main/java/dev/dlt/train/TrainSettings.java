package dev.dlt.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.dlt.agent.AgentConfig;
import dev.dlt.agent.PolicyKind;
import dev.dlt.model.GptConfig;
import dev.dlt.model.Preset;
import dev.dlt.model.UserInputException;
import dev.dlt.model.tie.GradientMode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one {@code dlt train} run needs, read once from HOCON ({@code dlt.train}, with the preset's
 * defaults under {@code dlt.presets}) and validated here; nothing downstream reads the config again.
 */
public record TrainSettings(
        Preset preset, ModelOverrides model, double dropout, String data, String format, String tokenizer,
        long seed, String device, int batchSize, int seqLen, Optim optim, Budget budget,
        int evalEvery, int evalBatches, int finalEvalBatches, Ties ties, Path out, int checkpointEvery, int keepCheckpoints,
        Path initFrom) {

    /** Architecture overrides of the preset; 0 keeps the preset's value. */
    public record ModelOverrides(int layers, int width, int heads, int blockSize) {
        /** The model shape for a tokenizer of {@code vocab} ids. */
        public GptConfig resolve(Preset p, int vocab, double dropout) {
            return new GptConfig(pick(layers, p.layers), pick(width, p.width), pick(heads, p.heads), vocab,
                    pick(blockSize, p.blockSize), dropout);
        }

        private static int pick(int override, int preset) {
            return override > 0 ? override : preset;
        }
    }

    /** AdamW, warm-up + cosine schedule and clipping. */
    public record Optim(double lr, double minLrRatio, double warmupFraction, double clipNorm, double weightDecay) {
        public Optim {
            check(lr > 0 && lr < 10, "lr must be in (0, 10), got " + lr);
            check(minLrRatio >= 0 && minLrRatio <= 1, "min-lr-ratio must be in [0, 1], got " + minLrRatio);
            check(warmupFraction >= 0 && warmupFraction < 1, "warmup-fraction must be in [0, 1), got " + warmupFraction);
            check(clipNorm >= 0, "clip-norm must be >= 0 (0 disables clipping), got " + clipNorm);
            check(weightDecay >= 0, "weight-decay must be >= 0, got " + weightDecay);
        }
    }

    /** When to stop: after {@code steps}, or {@code episodes} when > 0, or at the time budget when > 0. */
    public record Budget(long steps, int episodes, Duration timeBudget) {
        public Budget {
            check(steps >= 1, "steps must be >= 1, got " + steps);
            check(episodes >= 0, "episodes must be >= 0, got " + episodes);
            check(!timeBudget.isNegative(), "time-budget must be >= 0, got " + timeBudget);
        }
    }

    /** Who decides the ties and how a tied layer trains. */
    public record Ties(PolicyKind policy, int distinctLayers, GradientMode gradientMode, int stepsPerDecision,
                       String agentPreset, Config agentOverrides) {
        public Ties {
            check(distinctLayers >= 0, "distinct-layers must be >= 0 (0 = L/2), got " + distinctLayers);
            check(stepsPerDecision >= 1, "steps-per-decision must be >= 1, got " + stepsPerDecision);
        }

        /** The agent for a run of {@code plannedEpisodes}, seeded from the run's seed. */
        public AgentConfig agent(int plannedEpisodes, long seed) {
            AgentConfig a = AgentConfig.preset(agentPreset, Math.max(1, plannedEpisodes)).withSeed(seed);
            return AgentOverrides.apply(a, agentOverrides, Math.max(1, plannedEpisodes));
        }
    }

    public TrainSettings {
        check(batchSize >= 1 && batchSize <= 65536, "batch-size must be in [1, 65536], got " + batchSize);
        check(seqLen >= 1, "seq-len must be >= 1, got " + seqLen);
        check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        check(evalEvery >= 0, "eval-every must be >= 0, got " + evalEvery);
        check(evalBatches >= 1, "eval-batches must be >= 1, got " + evalBatches);
        check(finalEvalBatches >= 0, "final-eval-batches must be >= 0 (0 = whole split), got " + finalEvalBatches);
        check(checkpointEvery >= 0, "checkpoint-every must be >= 0, got " + checkpointEvery);
        check(keepCheckpoints >= 1, "keep-checkpoints must be >= 1, got " + keepCheckpoints);
    }

    /** Reads {@code dlt.train} of a resolved config; every problem becomes one line naming the key. */
    public static TrainSettings from(Config root) {
        try {
            Config t = root.getConfig("dlt.train");
            Preset preset = Preset.parse(t.getString("preset"));
            Config p = root.hasPath("dlt.presets." + preset.id())
                    ? t.withFallback(root.getConfig("dlt.presets." + preset.id())) : t;
            return new TrainSettings(preset,
                    new ModelOverrides(p.getInt("layers"), p.getInt("width"), p.getInt("heads"), p.getInt("block-size")),
                    p.getDouble("dropout"), p.getString("data"), p.getString("format"), p.getString("tokenizer"),
                    p.getLong("seed"), p.getString("device"), p.getInt("batch-size"), p.getInt("seq-len"),
                    new Optim(p.getDouble("lr"), p.getDouble("min-lr-ratio"), p.getDouble("warmup-fraction"),
                            p.getDouble("clip-norm"), p.getDouble("weight-decay")),
                    new Budget(p.getLong("steps"), p.getInt("episodes"), p.getDuration("time-budget")),
                    p.getInt("eval-every"), p.getInt("eval-batches"), p.getInt("final-eval-batches"),
                    new Ties(PolicyKind.parse(p.getString("policy")), p.getInt("distinct-layers"),
                            GradientMode.parse(p.getString("gradient-mode")), p.getInt("steps-per-decision"),
                            p.getString("agent.preset"), p.getConfig("agent")),
                    p.getString("out").isBlank() ? null : Path.of(p.getString("out")),
                    p.getInt("checkpoint-every"), p.getInt("keep-checkpoints"),
                    p.getString("init-from").isBlank() ? null : Path.of(p.getString("init-from")));
        } catch (ConfigException e) {
            throw new UserInputException("invalid training config: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("invalid training config: " + e.getMessage(), e);
        }
    }

    /** Number of layers L of the model these settings make. */
    public int layers() {
        return model.layers() > 0 ? model.layers() : preset.layers;
    }

    /** Steps one episode takes: K decisions-worth of steps for each of layers 1..L-1. */
    public int stepsPerEpisode(int layers) {
        return ties.stepsPerDecision() * Math.max(1, layers - 1);
    }

    /** Planned steps: the episode budget when set, else the step budget. */
    public long plannedSteps(int layers) {
        return budget.episodes() > 0 ? (long) budget.episodes() * stepsPerEpisode(layers) : budget.steps();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new UserInputException("invalid training config: " + message);
        }
    }
}
