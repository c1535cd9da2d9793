package dev.dlt.train;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request from another thread (Ctrl-C's shutdown hook, an HTTP call) to pause a run at the next step
 * boundary: the training loop finishes the step it is in, saves a checkpoint and returns as paused, so
 * {@code dlt train --resume} continues exactly.
 */
public final class StopRequest {

    private final AtomicBoolean requested = new AtomicBoolean();

    /** Asks the run to pause; returns false if it had been asked already. */
    public boolean request() {
        return requested.compareAndSet(false, true);
    }

    public boolean isRequested() {
        return requested.get();
    }
}
