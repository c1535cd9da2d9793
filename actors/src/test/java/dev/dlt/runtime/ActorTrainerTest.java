package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.data.BatchSource;
import dev.dlt.model.optim.LrSchedule;
import dev.dlt.model.tie.TieMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training from a backpressured Pekko Streams source of batches. */
class ActorTrainerTest {

    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void trainsFromTheSourceWithoutRunningAheadOfThePipeline() throws Exception {
        RuntimeSettings s = settings(TieMap.of(0, 1, 0, 1), 2, 1).withPipeline(2, 1, 1);
        double[] expected = referenceLosses(s, 4);
        AtomicInteger finished = new AtomicInteger();
        AtomicLong maxAhead = new AtomicLong();
        List<Double> losses = new ArrayList<>();
        try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE)) {
            // an endless source: only demand decides how many batches are built
            var source = BatchSource.steps(step -> {
                maxAhead.accumulateAndGet(step - finished.get(), Math::max);
                return batch(step);
            }, 0);
            ActorTrainer.run(rt, source, 4, new LrSchedule(LR, LR, 0, 0), SEED, (step, lr, r) -> {
                losses.add(r.loss());
                finished.incrementAndGet();
            }).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        assertEquals(4, losses.size());
        for (int k = 0; k < 4; k++) {
            assertTrue(relativeDifference(losses.get(k), expected[k]) <= 1e-5, "step " + k);
        }
        assertTrue(maxAhead.get() <= 3, "batches built ahead of finished steps: " + maxAhead.get());
    }
}
