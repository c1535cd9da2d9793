package dev.dlt.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One agent decision for one layer, one row of {@code ties.csv}. {@code change} is the name of a
 * {@link dev.dlt.model.tie.TieChange}; {@code action == layer} means "independent".
 */
@JsonPropertyOrder({"step", "episode", "layer", "action", "stateBefore", "stateAfter", "reward", "epsilon",
        "trainLoss", "trainableParams", "change"})
public record TieLog(long step, int episode, int layer, int action, String stateBefore, String stateAfter,
                     double reward, double epsilon, double trainLoss, long trainableParams, String change) {

    public TieLog {
        Checks.require(layer >= 0, "layer must be >= 0, got " + layer);
        Checks.require(action >= 0 && action <= layer,
                "action must be in [0, " + layer + "] for layer " + layer + ", got " + action);
        Checks.require(epsilon >= 0 && epsilon <= 1, "epsilon must be in [0, 1], got " + epsilon);
        Checks.require(stateBefore != null && stateAfter != null, "tie states are required");
        Checks.require(isChange(change), "change must be a TieChange name, got " + change);
    }

    private static boolean isChange(String change) {
        for (var c : dev.dlt.model.tie.TieChange.values()) {
            if (c.name().equals(change)) {
                return true;
            }
        }
        return false;
    }
}
