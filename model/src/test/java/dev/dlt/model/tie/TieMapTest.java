package dev.dlt.model.tie;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class TieMapTest {

    @Test
    void startsAllTiedToTheFirstLayer() {
        TieMap s = TieMap.allTiedToFirst(4);
        assertArrayEquals(new int[] {0, 0, 0, 0}, s.toArray());
        assertEquals(1, s.independentCount());
        assertEquals(0.75, s.tiedFraction(), 1e-12);
    }

    @Test
    void aTieToATiedLayerResolvesToItsRoot() {
        TieMap s = TieMap.independent(4).tie(2, 1).tie(3, 2);
        assertArrayEquals(new int[] {0, 1, 1, 1}, s.toArray());
        assertEquals(TieMap.of(0, 1, 1, 2), s, "of() resolves chains too");
    }

    @Test
    void tyingARootMovesItsFollowersToTheNewRoot() {
        TieMap s = TieMap.of(0, 1, 1, 1).tie(1, 0);
        assertArrayEquals(new int[] {0, 0, 0, 0}, s.toArray());
        assertEquals(List.of(1, 2, 3), s.followers(0));
    }

    @Test
    void untieIsLocalAndANoOpForIndependentLayers() {
        TieMap s = TieMap.of(0, 0, 0);
        assertArrayEquals(new int[] {0, 0, 2}, s.untie(2).toArray());
        TieMap ind = TieMap.independent(3);
        assertSame(ind, ind.untie(1));
    }

    @Test
    void applyMapsTheTriangularActions() {
        TieMap s = TieMap.allTiedToFirst(4);
        assertArrayEquals(new int[] {0, 0, 0, 3}, s.apply(3, 3).toArray());
        assertArrayEquals(new int[] {0, 0, 0, 0}, s.apply(3, 3).apply(3, 1).toArray());
    }

    @Test
    void invalidTiesAreRejectedWithTheReason() {
        TieMap s = TieMap.independent(4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.tie(0, 0)).getMessage().contains("layer 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.tie(2, 2)).getMessage().contains("earlier"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.tie(2, 3)).getMessage().contains("earlier"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.tie(4, 1)).getMessage().contains("unknown layer 4"));
        assertThrows(IllegalArgumentException.class, () -> s.tie(1, -1));
        assertThrows(IllegalArgumentException.class, () -> TieMap.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> TieMap.of(0, 2, 1));
    }

    @Test
    void changeKindsOfFigureTwo() {
        TieMap a = TieMap.of(0, 1, 0, 3);
        assertEquals(TieChange.INDEPENDENT_TO_TIED, TieChange.of(a, a.tie(1, 0), 1));
        assertEquals(TieChange.TIED_TO_INDEPENDENT, TieChange.of(a, a.untie(2), 2));
        assertEquals(TieChange.RETIED, TieChange.of(a, a.tie(2, 1), 2));
        assertEquals(TieChange.UNCHANGED, TieChange.of(a, a.tie(2, 0), 2));
        assertEquals(TieChange.UNCHANGED, TieChange.of(a, a, 3));
    }
}
