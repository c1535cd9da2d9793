package dev.dlt.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActionSpaceTest {

    @Test
    void fourLayersHaveTheTriangularSlicesOfThePaper() {
        assertEquals(10, ActionSpace.size(4));
        int[][] expected = {{0}, {1, 2}, {3, 4, 5}, {6, 7, 8, 9}};
        for (int layer = 0; layer < 4; layer++) {
            int[] slice = new int[ActionSpace.sliceLength(layer)];
            for (int a = 0; a < slice.length; a++) {
                slice[a] = ActionSpace.index(layer, a);
            }
            assertArrayEquals(expected[layer], slice, "layer " + layer);
        }
    }

    @Test
    void sizesAndOffsets() {
        assertEquals(1, ActionSpace.size(1));
        assertEquals(78, ActionSpace.size(12));
        assertEquals(1176, ActionSpace.size(48));
        assertEquals(66, ActionSpace.offset(11));
        assertEquals(12, ActionSpace.sliceLength(11));
    }

    @Test
    void actionsOutsideTheSliceAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ActionSpace.index(2, 3));
        assertThrows(IllegalArgumentException.class, () -> ActionSpace.index(2, -1));
        assertThrows(IllegalArgumentException.class, () -> ActionSpace.size(0));
    }
}
