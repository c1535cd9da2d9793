package dev.dlt.model.data;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSourceTest {

    private static ActorSystem system;
    private static final BatchSampler SAMPLER =
            new BatchSampler(TokenSequence.of(IntStream.range(0, 500).toArray()), 2, 8, 3);

    @BeforeAll
    static void start() {
        system = ActorSystem.create("batch-source-test");
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @Test
    void buildsABatchOnlyWhenPulled() throws Exception {
        AtomicInteger built = new AtomicInteger();
        SinkQueueWithCancel<Batch> queue = BatchSource.steps(s -> {
                    built.incrementAndGet();
                    return SAMPLER.batch(s);
                }, 5)
                .runWith(Sink.<Batch>queue().withAttributes(Attributes.inputBuffer(1, 1)), system);
        Thread.sleep(200); // a source that ignored backpressure would race ahead here
        int buffer = 1;
        assertTrue(built.get() <= buffer, "built before any pull: " + built.get());
        for (int pulled = 1; pulled <= 3; pulled++) {
            Optional<Batch> b = queue.pull().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(4 + pulled, b.orElseThrow().step());
            Thread.sleep(100);
            assertTrue(built.get() <= pulled + buffer, "built " + built.get() + " after " + pulled + " pulls");
        }
        queue.cancel();
    }

    @Test
    void resumedStreamReplaysTheSameBatches() throws Exception {
        List<Batch> resumed = BatchSource.training(SAMPLER, 7).take(3)
                .runWith(Sink.seq(), system).toCompletableFuture().get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            assertEquals(7 + i, resumed.get(i).step());
            assertArrayEquals(SAMPLER.batch(7 + i).inputs(), resumed.get(i).inputs());
        }
    }

    @Test
    void evaluationSourceEndsAfterTheLastBatch() throws Exception {
        EvalBatches eval = new EvalBatches(TokenSequence.of(IntStream.range(0, 23).toArray()), 2, 4, 0);
        List<Batch> all = BatchSource.evaluation(eval).runWith(Sink.seq(), system)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(3, all.size());
        assertEquals(1, all.get(2).batchSize());
    }
}
