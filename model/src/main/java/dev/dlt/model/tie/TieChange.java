package dev.dlt.model.tie;

/**
 * How one layer's tie changed in one decision: the event types counted in the paper's Figure 2.
 */
public enum TieChange {
    INDEPENDENT_TO_TIED,
    TIED_TO_INDEPENDENT,
    RETIED,
    UNCHANGED;

    /** The change of {@code layer} between two states. */
    public static TieChange of(TieMap before, TieMap after, int layer) {
        boolean wasIndependent = before.isIndependent(layer);
        boolean isIndependent = after.isIndependent(layer);
        if (wasIndependent && isIndependent) {
            return UNCHANGED;
        }
        if (wasIndependent) {
            return INDEPENDENT_TO_TIED;
        }
        if (isIndependent) {
            return TIED_TO_INDEPENDENT;
        }
        return before.root(layer) == after.root(layer) ? UNCHANGED : RETIED;
    }
}
