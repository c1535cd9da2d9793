package dev.dlt.runtime;

/**
 * A hook each stage calls before handling a message: tests throw from it to simulate a crashing stage.
 * Called on the stage's own thread. Production code uses {@link #NONE}.
 */
@FunctionalInterface
public interface StageFaults {

    StageFaults NONE = (stage, event, round) -> {};

    /**
     * @param stage layer group index, or the number of groups for the edge stage
     * @param event the message being handled, e.g. {@code forward}, {@code backward}, {@code update}
     * @param round the coordinator's round the message belongs to
     */
    void check(int stage, String event, long round);
}
