package dev.dlt.runtime.stage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.runtime.StageFaults;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The round rules every stage actor follows. Every message carries the coordinator's round: one of a
 * round the stage saw before its last restart, or older than its current round, is dropped; one of a newer
 * round makes that round current (the actor resets its per-round state in {@code onNewRound}); then the
 * fault hook runs, and the handler. An exception is remembered in {@link StageMemory#lastError} (the
 * restarted stage reports it to the coordinator) and rethrown to the supervisor.
 *
 * <p>Holds no tensors; created in the actor's constructor, so it lives as long as one incarnation of the
 * stage, and used only from the stage's thread.
 */
final class RoundGuard {
    private final int stage;
    private final String name;
    private final StageMemory<?, ?> memory;
    private final StageFaults faults;
    private final Runnable onNewRound;
    private final long ignoreUpTo;
    private long round = -1;

    /**
     * @param stage      the stage's index for the fault hook and in reports
     * @param name       how the stage names itself in an error, e.g. {@code "layer group 2"}
     * @param onNewRound resets what the actor keeps per round; runs after the newer round became current
     */
    RoundGuard(int stage, String name, StageMemory<?, ?> memory, StageFaults faults, Runnable onNewRound) {
        this.stage = stage;
        this.name = name;
        this.memory = memory;
        this.faults = faults;
        this.onNewRound = onNewRound;
        this.ignoreUpTo = memory.newestRound;
    }

    /** The current round: the newest one this incarnation of the stage has seen. */
    long round() {
        return round;
    }

    /** Runs {@code handler} for a message of {@code msgRound} named {@code event}, by the rules above. */
    void run(long msgRound, String event, Runnable handler) {
        if (msgRound <= ignoreUpTo || msgRound < round) {
            return;
        }
        if (msgRound > round) {
            enter(msgRound);
            onNewRound.run();
        }
        try {
            faults.check(stage, event, msgRound);
            handler.run();
        } catch (RuntimeException e) {
            memory.lastError = name + " failed in " + event + " of round " + msgRound + ": " + e;
            throw e;
        }
    }

    /**
     * {@link #run} for a message that carries a handle ({@link Handoff}): the handler gets how to adopt it
     * into a scope; a handle the handler never adopted (a stale round, a failure) is freed.
     */
    void runAdopting(long msgRound, String event, NDArray handle, Consumer<Function<NDManager, NDArray>> handler) {
        try (Handoff.Adoption a = new Handoff.Adoption(handle)) {
            run(msgRound, event, () -> handler.accept(a::into));
        }
    }

    /** A rollback's round becomes current whatever came before; the actor drops its round itself. */
    void rollBack(long rollbackRound) {
        enter(rollbackRound);
    }

    private void enter(long r) {
        round = r;
        memory.newestRound = Math.max(memory.newestRound, r);
    }
}
