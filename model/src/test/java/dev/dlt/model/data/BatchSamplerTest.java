package dev.dlt.model.data;

import dev.dlt.model.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSamplerTest {

    /** Token i has id i, so a block's first id is its offset. */
    private static final TokenSequence RAMP = TokenSequence.of(IntStream.range(0, 1000).toArray());

    @Test
    void eachStepIsAPureFunctionOfSeedAndStep() {
        BatchSampler a = new BatchSampler(RAMP, 4, 8, 42);
        Batch late = a.batch(17);
        Batch again = new BatchSampler(RAMP, 4, 8, 42).batch(17);
        assertArrayEquals(late.inputs(), again.inputs());
        assertArrayEquals(late.targets(), again.targets());
        assertEquals(17, late.step());
        assertFalse(Arrays.equals(late.inputs(), a.batch(18).inputs()));
        assertFalse(Arrays.equals(late.inputs(), new BatchSampler(RAMP, 4, 8, 43).batch(17).inputs()));
    }

    @Test
    void rowsAreContiguousBlocksAndTargetsAreShiftedByOne() {
        Batch b = new BatchSampler(RAMP, 3, 5, 1).batch(0);
        for (int r = 0; r < 3; r++) {
            int start = b.inputs()[r * 5];
            for (int t = 0; t < 5; t++) {
                assertEquals(start + t, b.inputs()[r * 5 + t]);
                assertEquals(start + t + 1, b.targets()[r * 5 + t]);
            }
        }
    }

    @Test
    void offsetsCoverTheWholeSplitAndNeverOverrun() {
        TokenSequence tiny = TokenSequence.of(IntStream.range(0, 10).toArray());
        BatchSampler s = new BatchSampler(tiny, 2, 4, 7);
        int[] seen = new int[10];
        for (int step = 0; step < 500; step++) {
            for (int x : s.batch(step).inputs()) seen[x]++;
        }
        assertTrue(seen[0] > 0 && seen[8] > 0, Arrays.toString(seen)); // offset 5 is the last: 5..8 in, 6..9 out
        assertEquals(0, seen[9], "token 9 is only ever a target");
    }

    @Test
    void splitShorterThanOneBlockIsAUserError() {
        var e = assertThrows(UserInputException.class, () -> new BatchSampler(TokenSequence.of(1, 2, 3), 1, 3, 0));
        assertEquals("in-memory tokens (3) has 3 tokens, fewer than one block of sequence length + 1 = 4", e.getMessage());
        new BatchSampler(TokenSequence.of(1, 2, 3, 4), 1, 3, 0); // exactly one block fits
    }

    @Test
    void sequenceLongerThanTheModelsBlockSizeIsAUserError() {
        BatchSampler.requireFits(256, 256);
        var e = assertThrows(UserInputException.class, () -> BatchSampler.requireFits(512, 256));
        assertEquals("sequence length 512 must be in [1, 256] (the model's block size)", e.getMessage());
        assertThrows(UserInputException.class, () -> BatchSampler.requireFits(0, 256));
    }
}
