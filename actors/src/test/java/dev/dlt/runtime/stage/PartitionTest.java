package dev.dlt.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.tie.TieMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionTest {

    @Test
    void cutsLayersIntoConsecutiveGroupsTheLastPossiblyShorter() {
        Partition p = new Partition(5, 2);
        assertEquals(3, p.groups());
        assertEquals(0, p.groupOf(1));
        assertEquals(2, p.groupOf(4));
        assertEquals(4, p.first(2));
        assertEquals(5, p.end(2));
        assertTrue(p.owns(1, 3));
        assertFalse(p.owns(1, 4));
        assertThrows(IllegalArgumentException.class, () -> p.groupOf(5));
        assertThrows(IllegalArgumentException.class, () -> new Partition(4, 5));
    }

    @Test
    void remoteFollowersTalkToTheirRootsGroups() {
        Partition p = new Partition(6, 2); // {0,1} {2,3} {4,5}
        TieMap t = TieMap.of(0, 1, 0, 3, 1, 3);
        assertEquals(Set.of(), p.remoteRoots(0, t));
        assertEquals(Set.of(0), p.remoteRoots(1, t));
        assertEquals(Set.of(1, 3), p.remoteRoots(2, t));
        assertEquals(Set.of(0, 1), p.sourceGroups(2, t));
        assertEquals(Set.of(1, 2), p.followerGroups(0, t));
        assertEquals(Set.of(2), p.followerGroups(1, t));
        assertEquals(Set.of(), p.followerGroups(2, t));
        assertEquals(Set.of(1), p.rootsFollowedBy(2, 0, t));
        assertEquals(Set.of(3), p.rootsFollowedBy(2, 1, t));
    }

    @Test
    void oneGroupHasNoRemoteFollowers() {
        Partition p = new Partition(4, 4);
        assertEquals(Set.of(), p.followerGroups(0, TieMap.allTiedToFirst(4)));
        assertEquals(Set.of(), p.remoteRoots(0, TieMap.allTiedToFirst(4)));
    }
}
