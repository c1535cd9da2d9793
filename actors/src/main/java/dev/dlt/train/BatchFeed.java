package dev.dlt.train;

import dev.dlt.model.data.Batch;
import dev.dlt.model.data.BatchSampler;
import dev.dlt.model.data.BatchSource;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;

/**
 * Training batches pulled from the Pekko Streams source: the trainer pulls one batch per step, and the
 * source builds at most {@link #PREFETCH} ahead of it, on another thread (backpressure bounds the rest).
 */
final class BatchFeed implements AutoCloseable {

    /** Batches prepared ahead of the trainer. */
    static final int PREFETCH = 2;

    private final ActorSystem<Void> system;
    private final SinkQueueWithCancel<Batch> queue;

    BatchFeed(BatchSampler sampler, long fromStep) {
        system = ActorSystem.create(Behaviors.empty(), "dlt-data");
        queue = BatchSource.training(sampler, fromStep)
                .buffer(PREFETCH, OverflowStrategy.backpressure())
                .async()
                .runWith(Sink.queue(), system);
    }

    /** The next step's batch; blocks until it is ready. */
    Batch next() {
        Optional<Batch> b = queue.pull().toCompletableFuture().join();
        return b.orElseThrow(() -> new IllegalStateException("the training batch stream ended"));
    }

    @Override
    public void close() {
        queue.cancel();
        system.terminate();
    }
}
