package dev.dlt.cli;

import dev.dlt.train.StopRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT, SIGTERM) during {@code dlt train}: a JVM shutdown hook asks the run to pause at the next
 * step boundary and holds the JVM until the run has saved its checkpoint and closed, at most {@link #GRACE}.
 * The process then exits with the signal's status (130 for Ctrl-C) and {@code dlt train --resume} continues
 * exactly. A second Ctrl-C does not cut the save short; {@code kill -9} does (the last periodic checkpoint
 * stays intact: checkpoints are written atomically).
 */
final class PauseOnInterrupt implements AutoCloseable {

    /** How long the hook waits for the step in progress and the checkpoint. */
    static final Duration GRACE = Duration.ofMinutes(10);

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private PauseOnInterrupt(StopRequest stop, PrintWriter err) {
        this.hook = new Thread(() -> {
            if (stop.request()) {
                err.println();
                err.println("[dlt] interrupted: finishing the step and saving a checkpoint (kill -9 to abort)");
                err.flush();
            }
            try {
                closed.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dlt-pause-on-interrupt");
    }

    /** Registers the hook; {@link #close()} (after the run returned) releases and removes it. */
    static PauseOnInterrupt install(StopRequest stop, PrintWriter err) {
        PauseOnInterrupt p = new PauseOnInterrupt(stop, err);
        Runtime.getRuntime().addShutdownHook(p.hook);
        return p;
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the run has closed
        }
    }
}
