package dev.dlt.agent;

import dev.dlt.model.UserInputException;
import dev.dlt.model.tie.TieMap;

/**
 * The static tie vectors the field compares with, for L layers and M distinct (independent) layers,
 * 1 &lt;= M &lt;= L. Takase &amp; Kiyono (2021) define sequence, cycle and cycle-rev; written 0-based:
 * <ul>
 *   <li>{@code sequence}: M contiguous groups, sizes as equal as possible with the larger groups first;
 *       layer i is in group g = floor(i·M/L) and ties to the group's first layer ceil(g·L/M).
 *       L = 6, M = 3: [0,0,2,2,4,4]; L = 7, M = 3: [0,0,0,3,3,5,5].</li>
 *   <li>{@code cycle}: layer i ties to i mod M. L = 6, M = 3: [0,1,2,0,1,2]; L = 7: [0,1,2,0,1,2,0].</li>
 *   <li>{@code cycle-rev}: with C = ceil(L/M), the first (C−1)·M layers cycle (i mod M), the rest run
 *       the cycle backwards (M−1 − (i mod M)). L = 6, M = 3: [0,1,2,2,1,0]; L = 7, M = 3:
 *       [0,1,2,0,1,2,2]. When M = L this is every layer independent.</li>
 * </ul>
 * Every pattern has exactly M independent layers. M = 1 gives all-shared, M = L conventional.
 */
public enum SharingPattern {
    CONVENTIONAL("conventional"),
    ALL_SHARED("all-shared"),
    SEQUENCE("sequence"),
    CYCLE("cycle"),
    CYCLE_REV("cycle-rev");

    private final String cliName;

    SharingPattern(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Takase &amp; Kiyono's default: M = L/2 (rounded down, at least 1). */
    public static int defaultDistinct(int layers) {
        return Math.max(1, layers / 2);
    }

    /** The tie vector for L layers; M is ignored by conventional and all-shared. */
    public TieMap ties(int layers, int distinct) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        }
        if (distinct < 1 || distinct > layers) {
            throw new UserInputException(
                    "--distinct-layers must be in [1, " + layers + "] for " + layers + " layers, got " + distinct);
        }
        int[] s = new int[layers];
        for (int i = 0; i < layers; i++) {
            s[i] = root(i, layers, distinct);
        }
        return TieMap.of(s);
    }

    private int root(int i, int layers, int m) {
        return switch (this) {
            case CONVENTIONAL -> i;
            case ALL_SHARED -> 0;
            case SEQUENCE -> {
                int group = (int) ((long) i * m / layers);
                yield (int) (((long) group * layers + m - 1) / m); // ceil(group·L/M)
            }
            case CYCLE -> i % m;
            case CYCLE_REV -> {
                int cycled = ((layers + m - 1) / m - 1) * m;
                yield i < cycled ? i % m : (cycled == 0 ? i : m - 1 - i % m);
            }
        };
    }
}
