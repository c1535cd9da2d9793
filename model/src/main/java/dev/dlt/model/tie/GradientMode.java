package dev.dlt.model.tie;

/** What a tied layer's use of its root's weights contributes to their gradient. */
public enum GradientMode {
    /** Every user's weight gradient is summed into the root, as in ordinary weight sharing (ALBERT). */
    SHARED,
    /** A tied use contributes no weight gradient; only the root's own use trains the shared weights (the reference code). */
    FROZEN;

    public static GradientMode parse(String name) {
        for (GradientMode m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown gradient mode '" + name + "': expected shared or frozen");
    }
}
