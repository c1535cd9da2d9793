package dev.dlt.model.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EvalBatchesTest {

    private static final TokenSequence RAMP = TokenSequence.of(IntStream.range(0, 23).toArray());

    @Test
    void nonOverlappingBlocksPredictEachTokenOnce() {
        EvalBatches eval = new EvalBatches(RAMP, 2, 4, 0);
        assertEquals(5, eval.blocks()); // (23 - 1) / 4
        List<Batch> all = new ArrayList<>();
        eval.forEach(all::add);
        assertEquals(3, all.size());
        assertEquals(List.of(2, 2, 1), all.stream().map(Batch::batchSize).toList());
        List<Integer> targets = new ArrayList<>();
        for (Batch b : all) for (int y : b.targets()) targets.add(y);
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), targets);
        assertEquals(16, all.get(2).inputs()[0]);
    }

    @Test
    void firstNBatchesOnly() {
        EvalBatches eval = new EvalBatches(RAMP, 2, 4, 1);
        assertEquals(1, eval.batches());
        assertEquals(2, eval.blocks());
        assertEquals(8, eval.iterator().next().tokens());
    }
}
