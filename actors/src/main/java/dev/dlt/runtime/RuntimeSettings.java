package dev.dlt.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.dlt.model.GptConfig;
import ai.djl.Device;
import dev.dlt.model.UserInputException;
import dev.dlt.model.engine.Devices;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the actor runtime needs to build a model and run its pipeline. Validated on construction.
 *
 * @param model        shape of the model
 * @param initialTies  the tie state at the start (e.g. the policy's {@code initialState()})
 * @param gradientMode {@code SHARED} (tied uses add their weight gradients to the root) or {@code FROZEN}
 * @param seed         seeds the initial weights, exactly as {@code Gpt.create(..., seed)}
 * @param adam         AdamW constants
 * @param clipNorm     global gradient-norm clip; 0 disables clipping
 * @param groupSize    consecutive layers per layer-group actor (1 = one actor per layer)
 * @param microBatches micro-batches per step (GPipe); clamped to the batch's rows
 * @param maxInFlight  micro-batches launched and not yet finished, at most
 * @param maxAttempts  tries of one step when a stage crashes (1 = fail at the first crash)
 * @param snapshots    keep each stage's last good state as heap bytes after every step (3× its parameter
 *                     bytes), so a crashed stage restarts from it; off: a restarted stage keeps its live
 *                     tensors (exact before the update phase; a crash during an update stops the runtime
 *                     either way)
 * @param timeout      how long a blocking call waits for the pipeline
 * @param intraOpThreads threads PyTorch uses inside one operator on each stage's thread; 0 = auto
 *                     ({@link #stageThreads()})
 * @param device       where every stage keeps its tensors (device placement in one place: {@link Devices})
 */
public record RuntimeSettings(GptConfig model, TieMap initialTies, GradientMode gradientMode, long seed,
                              AdamW.Settings adam, double clipNorm, int groupSize, int microBatches,
                              int maxInFlight, int maxAttempts, boolean snapshots, Duration timeout,
                              int intraOpThreads, Device device) {

    public RuntimeSettings {
        if (initialTies.layers() != model.layers()) {
            throw new UserInputException("tie state " + initialTies + " has " + initialTies.layers()
                    + " layers, the model " + model.layers());
        }
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "gradient clip must be a finite number >= 0, got " + clipNorm);
        require(groupSize >= 1 && groupSize <= model.layers(),
                "layer group size must be in [1, " + model.layers() + "], got " + groupSize);
        require(microBatches >= 1, "micro-batches must be >= 1, got " + microBatches);
        require(maxInFlight >= 1, "micro-batches in flight must be >= 1, got " + maxInFlight);
        require(maxAttempts >= 1, "attempts per step must be >= 1, got " + maxAttempts);
        require(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive, got " + timeout);
        Objects.requireNonNull(device, "device");
        require(intraOpThreads >= 0, "intra-op threads must be >= 1 or auto, got " + intraOpThreads);
    }

    /**
     * Intra-op threads per stage: the setting, or for auto the cores shared among the stages that compute at
     * once. With one micro-batch a single stage computes at a time and takes every core; with M micro-batches
     * up to min(M, stages) stages compute at once, each on cores / that many threads (at least one), so the
     * pipeline, not PyTorch's OpenMP teams, keeps the cores busy. (Every stage thread has its own OpenMP
     * team; teams that outnumber the cores wait on each other's barriers.)
     */
    public int stageThreads() {
        if (intraOpThreads > 0) {
            return intraOpThreads;
        }
        int stages = (model.layers() + groupSize - 1) / groupSize + 1;
        int concurrent = Math.max(1, Math.min(microBatches, Math.min(maxInFlight, stages)));
        return Math.max(1, Runtime.getRuntime().availableProcessors() / concurrent);
    }

    /**
     * One actor per layer, one micro-batch, two attempts per step, a 10-minute timeout, auto threads, the
     * {@code auto} device (the first GPU if the CUDA build sees one, else the CPU).
     */
    public static RuntimeSettings of(GptConfig model, TieMap initialTies, GradientMode mode, long seed,
                                     AdamW.Settings adam, double clipNorm) {
        return new RuntimeSettings(model, initialTies, mode, seed, adam, clipNorm, 1, 1, 4, 2, true, Duration.ofMinutes(10),
                0, Devices.parse("auto"));
    }

    public RuntimeSettings withPipeline(int newGroupSize, int newMicroBatches, int newMaxInFlight) {
        return new RuntimeSettings(model, initialTies, gradientMode, seed, adam, clipNorm, newGroupSize,
                newMicroBatches, newMaxInFlight, maxAttempts, snapshots, timeout, intraOpThreads, device);
    }

    /**
     * These settings with the pipeline keys of {@code config}'s {@code dlt.runtime} section (defaults in
     * the actors module's {@code reference.conf}): group-size, micro-batches, max-in-flight, max-attempts,
     * snapshots, timeout, intra-op-threads ({@code auto} or a number).
     *
     * @throws UserInputException naming the key of a missing or malformed value
     */
    public RuntimeSettings withPipeline(Config config) {
        try {
            Config c = config.getConfig("dlt.runtime");
            return new RuntimeSettings(model, initialTies, gradientMode, seed, adam, clipNorm, c.getInt("group-size"),
                    c.getInt("micro-batches"), c.getInt("max-in-flight"), c.getInt("max-attempts"),
                    c.getBoolean("snapshots"), c.getDuration("timeout"), threads(c), device);
        } catch (ConfigException e) {
            throw new UserInputException("invalid dlt.runtime setting: " + e.getMessage());
        }
    }

    private static int threads(Config c) {
        String key = "intra-op-threads";
        if (c.getValue(key).unwrapped() instanceof String s && s.equals("auto")) {
            return 0;
        }
        try {
            int n = c.getInt(key);
            if (n < 1) {
                throw new UserInputException("invalid dlt.runtime setting: " + key + " must be auto or >= 1, got " + n);
            }
            return n;
        } catch (ConfigException.WrongType e) {
            throw new UserInputException("invalid dlt.runtime setting: " + key + " must be auto or a number >= 1, got "
                    + c.getValue(key).render());
        }
    }

    public RuntimeSettings withMaxAttempts(int attempts) {
        return new RuntimeSettings(model, initialTies, gradientMode, seed, adam, clipNorm, groupSize, microBatches,
                maxInFlight, attempts, snapshots, timeout, intraOpThreads, device);
    }

    public RuntimeSettings withTimeout(Duration newTimeout) {
        return new RuntimeSettings(model, initialTies, gradientMode, seed, adam, clipNorm, groupSize, microBatches,
                maxInFlight, maxAttempts, snapshots, newTimeout, intraOpThreads, device);
    }

    public RuntimeSettings withSnapshots(boolean on) {
        return new RuntimeSettings(model, initialTies, gradientMode, seed, adam, clipNorm, groupSize, microBatches,
                maxInFlight, maxAttempts, on, timeout, intraOpThreads, device);
    }

    /** These settings with every stage's tensors on {@code newDevice}. */
    public RuntimeSettings withDevice(Device newDevice) {
        return new RuntimeSettings(model, initialTies, gradientMode, seed, adam, clipNorm, groupSize, microBatches,
                maxInFlight, maxAttempts, snapshots, timeout, intraOpThreads, newDevice);
    }

    /** These settings with a fixed intra-op thread count per stage (0 = auto). */
    public RuntimeSettings withIntraOpThreads(int threads) {
        return new RuntimeSettings(model, initialTies, gradientMode, seed, adam, clipNorm, groupSize, microBatches,
                maxInFlight, maxAttempts, snapshots, timeout, threads, device);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserInputException(message);
        }
    }
}
