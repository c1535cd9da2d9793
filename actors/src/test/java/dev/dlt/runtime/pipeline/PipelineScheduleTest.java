package dev.dlt.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.runtime.pipeline.PipelineSchedule.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineScheduleTest {

    @Test
    void splitsRowsAsEvenlyAsPossibleLargerFirst() {
        assertArrayEquals(new int[] {4}, PipelineSchedule.split(4, 1));
        assertArrayEquals(new int[] {2, 2}, PipelineSchedule.split(4, 2));
        assertArrayEquals(new int[] {3, 2, 2}, PipelineSchedule.split(7, 3));
        assertThrows(IllegalArgumentException.class, () -> PipelineSchedule.split(2, 3));
        PipelineSchedule s = new PipelineSchedule(7, 3, 3, 2, true);
        assertEquals(0, s.rowOffset(0));
        assertEquals(3, s.rowOffset(1));
        assertEquals(5, s.rowOffset(2));
        assertEquals(3 / 7.0, s.weight(0), 1e-15);
    }

    @Test
    void moreMicroBatchesThanRowsAreClamped() {
        assertEquals(2, new PipelineSchedule(2, 8, 1, 1, true).microBatches());
    }

    @Test
    void gpipeRunsAllForwardsThenAllBackwardsWithinTheInFlightBound() {
        PipelineSchedule s = new PipelineSchedule(4, 4, 2, 3, true);
        assertEquals(List.of(0, 1), s.nextForwards());
        assertEquals(List.of(), s.nextForwards(), "two in flight already");
        assertEquals(List.of(), s.nextBackwards(), "no backward before every forward finished");
        s.lossReceived(0, 1.0);
        assertEquals(List.of(2), s.nextForwards());
        s.lossReceived(1, 2.0);
        s.lossReceived(2, 3.0);
        assertEquals(List.of(3), s.nextForwards());
        assertEquals(Phase.FORWARD, s.phase());
        s.lossReceived(3, 4.0);
        assertEquals(Phase.BACKWARD, s.phase());
        assertEquals(2.5, s.loss(), 1e-12);
        assertEquals(List.of(3, 2), s.nextBackwards(), "last micro-batch first");
        assertFalse(s.backwardDone(3));
        assertEquals(List.of(1), s.nextBackwards());
        assertFalse(s.backwardDone(2));
        assertFalse(s.backwardDone(1));
        assertEquals(List.of(0), s.nextBackwards());
        assertTrue(s.backwardDone(0));
        assertEquals(Phase.REDUCE, s.phase());
    }

    @Test
    void theGlobalNormSumsEveryStagesSquaredNormThenEveryStageUpdates() {
        PipelineSchedule s = new PipelineSchedule(1, 1, 1, 3, true);
        s.nextForwards();
        s.lossReceived(0, 0.5);
        s.nextBackwards();
        s.backwardDone(0);
        assertFalse(s.gradNormReceived(0, 9, 100));
        assertFalse(s.gradNormReceived(2, 16, 250));
        assertThrows(IllegalStateException.class, () -> s.gradNormReceived(2, 1, 0), "one report per stage");
        assertTrue(s.gradNormReceived(1, 0, 50));
        assertEquals(5.0, s.globalNorm(), 1e-12);
        assertEquals(400, s.activationBytes(), "the stages' activation peaks add up");
        assertFalse(s.updatedReceived(1));
        assertFalse(s.updatedReceived(0));
        assertTrue(s.updatedReceived(2));
        assertEquals(Phase.DONE, s.phase());
    }

    @Test
    void theLossIsTheRowWeightedMeanOfMicroBatchLosses() {
        PipelineSchedule s = new PipelineSchedule(3, 2, 2, 1, false);
        s.nextForwards();
        s.lossReceived(1, 4.0); // 1 row
        s.lossReceived(0, 1.0); // 2 rows
        assertEquals((2 * 1.0 + 4.0) / 3, s.loss(), 1e-12);
        assertEquals(Phase.DONE, s.phase(), "an evaluation has no backward");
    }

    @Test
    void unexpectedReportsAreRefused() {
        PipelineSchedule s = new PipelineSchedule(2, 2, 2, 1, true);
        assertThrows(IllegalStateException.class, () -> s.lossReceived(0, 1), "not launched yet");
        s.nextForwards();
        s.lossReceived(0, 1);
        assertThrows(IllegalStateException.class, () -> s.lossReceived(0, 1), "twice");
        assertThrows(IllegalStateException.class, () -> s.backwardDone(0), "still forwarding");
        assertThrows(IllegalStateException.class, () -> s.gradNormReceived(0, 1, 0), "not reducing");
    }
}
