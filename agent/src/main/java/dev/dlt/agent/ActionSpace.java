package dev.dlt.agent;

/**
 * The triangular action space of Hay &amp; Wolf: layer i has i+1 actions (tie to 0..i−1, or i =
 * independent), and the Q-network's L(L+1)/2 outputs hold them as consecutive slices, layer 0's slice
 * first. For L = 4 the slices are [0], [1, 2], [3, 4, 5], [6, 7, 8, 9].
 *
 * <p>Layer 0 owns a slice of one (always "independent") so the indexing stays a pure triangle; the agent
 * never decides for layer 0.
 */
public final class ActionSpace {

    private ActionSpace() {
    }

    /** Number of Q-network outputs for {@code layers} layers: L(L+1)/2. */
    public static int size(int layers) {
        requirePositive(layers);
        return layers * (layers + 1) / 2;
    }

    /** Index of layer i's first action (tie to layer 0) among the Q-network's outputs: i(i+1)/2. */
    public static int offset(int layer) {
        if (layer < 0) {
            throw new IllegalArgumentException("layer must be >= 0, got " + layer);
        }
        return layer * (layer + 1) / 2;
    }

    /** Number of actions of layer i: i+1. */
    public static int sliceLength(int layer) {
        return offset(layer + 1) - offset(layer);
    }

    /** The global output index of {@code action} (0..i) of layer i. */
    public static int index(int layer, int action) {
        if (action < 0 || action > layer) {
            throw new IllegalArgumentException(
                    "action " + action + " of layer " + layer + " out of range [0, " + layer + "]");
        }
        return offset(layer) + action;
    }

    private static void requirePositive(int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        }
    }
}
