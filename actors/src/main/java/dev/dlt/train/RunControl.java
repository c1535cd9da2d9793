package dev.dlt.train;

import dev.dlt.model.checkpoint.CheckpointStore;
import java.nio.file.Path;

/**
 * How one invocation drives a run, beyond its settings: where checkpoints go, whether it continues an
 * earlier run, and whether it pauses early.
 *
 * @param checkpoints the run's checkpoint store
 * @param resumeFrom  a checkpoint to continue from, or null for a fresh run
 * @param stopAfter   pause after this many steps in total (save a checkpoint, skip the final evaluation);
 *                    0 runs to the end
 * @param runtime     which runtime trains the model
 * @param stop        asks the run to pause at the next step boundary (saving a checkpoint), from any thread
 */
public record RunControl(CheckpointStore checkpoints, Path resumeFrom, long stopAfter, RuntimeKind runtime,
                         StopRequest stop) {
    public RunControl {
        if (stopAfter < 0) {
            throw new IllegalArgumentException("stop-after must be >= 0, got " + stopAfter);
        }
    }
}
