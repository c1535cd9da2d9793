package dev.dlt.agent;

import dev.dlt.model.UserInputException;
import dev.dlt.model.tie.TieMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SharingPatternTest {

    private static int[] ties(SharingPattern p, int layers, int m) {
        return p.ties(layers, m).toArray();
    }

    @Test
    void sixLayersThreeDistinctAsInTakaseAndKiyono() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, ties(SharingPattern.CONVENTIONAL, 6, 3));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, ties(SharingPattern.ALL_SHARED, 6, 3));
        assertArrayEquals(new int[] {0, 0, 2, 2, 4, 4}, ties(SharingPattern.SEQUENCE, 6, 3));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, ties(SharingPattern.CYCLE, 6, 3));
        assertArrayEquals(new int[] {0, 1, 2, 2, 1, 0}, ties(SharingPattern.CYCLE_REV, 6, 3));
    }

    @Test
    void twelveLayers() {
        assertArrayEquals(new int[] {0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8}, ties(SharingPattern.SEQUENCE, 12, 3));
        assertArrayEquals(new int[] {0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9, 9}, ties(SharingPattern.SEQUENCE, 12, 4));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, ties(SharingPattern.CYCLE, 12, 3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, ties(SharingPattern.CYCLE, 12, 4));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 1, 0}, ties(SharingPattern.CYCLE_REV, 12, 3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 3, 2, 1, 0}, ties(SharingPattern.CYCLE_REV, 12, 4));
        // the default M = L/2 = 6
        int m = SharingPattern.defaultDistinct(12);
        assertEquals(6, m);
        assertArrayEquals(new int[] {0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 10, 10}, ties(SharingPattern.SEQUENCE, 12, m));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 0}, ties(SharingPattern.CYCLE_REV, 12, m));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5}, ties(SharingPattern.CYCLE, 12, m));
    }

    @Test
    void layersNotDivisibleByDistinct() {
        assertArrayEquals(new int[] {0, 0, 0, 3, 3, 5, 5}, ties(SharingPattern.SEQUENCE, 7, 3));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0}, ties(SharingPattern.CYCLE, 7, 3));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 2}, ties(SharingPattern.CYCLE_REV, 7, 3));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 2, 1}, ties(SharingPattern.CYCLE_REV, 8, 3));
        assertArrayEquals(new int[] {0, 1, 2, 2, 1}, ties(SharingPattern.CYCLE_REV, 5, 3));
    }

    @Test
    void everyPatternHasExactlyMIndependentLayersAndItsEdgeCases() {
        for (SharingPattern p : new SharingPattern[] {SharingPattern.SEQUENCE, SharingPattern.CYCLE, SharingPattern.CYCLE_REV}) {
            for (int layers = 1; layers <= 13; layers++) {
                for (int m = 1; m <= layers; m++) {
                    assertEquals(m, p.ties(layers, m).independentCount(), p + " L=" + layers + " M=" + m);
                }
            }
            assertEquals(TieMap.allTiedToFirst(6), p.ties(6, 1), p + " with M = 1");
            assertEquals(TieMap.independent(6), p.ties(6, 6), p + " with M = L");
        }
    }

    @Test
    void staticPolicyKeepsItsVector() {
        TiePolicy policy = PolicyKind.CYCLE_REV.create(6, AgentConfig.reference(), 0);
        TieMap state = policy.initialState();
        assertArrayEquals(new int[] {0, 1, 2, 2, 1, 0}, state.toArray());
        assertFalse(policy.adaptive());
        for (int i = 1; i < 6; i++) {
            state = state.apply(i, policy.decide(i, state));
        }
        assertEquals(policy.initialState(), state);
    }

    @Test
    void distinctOutOfRangeIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class, () -> SharingPattern.CYCLE.ties(6, 7));
        assertEquals("--distinct-layers must be in [1, 6] for 6 layers, got 7", e.getMessage());
    }
}
