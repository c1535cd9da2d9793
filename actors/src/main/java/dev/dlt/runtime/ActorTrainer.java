package dev.dlt.runtime;

import dev.dlt.model.data.Batch;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.optim.LrSchedule;
import dev.dlt.model.train.TrainingStep;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Feeds an {@link ActorRuntime} from a Pekko Streams source of batches with backpressure: one step in
 * flight, and the source is pulled only as steps finish (input buffers of one element), so at most a
 * couple of batches are built ahead of the pipeline. Within a step the coordinator bounds the
 * micro-batches in flight ({@link RuntimeSettings#maxInFlight()}).
 */
public final class ActorTrainer {

    /** Called after each step on the stream's thread; must not block for long. */
    @FunctionalInterface
    public interface StepListener {
        void onStep(long step, double lr, TrainingStep.Result result);
    }

    private ActorTrainer() {}

    /**
     * Trains for {@code steps} steps on the batches of {@code batches}; step n uses {@code lr.at(n)} and the
     * dropout key {@code Dropout.stepKey(seed, n)}, as the local loop does. Completes exceptionally with
     * the runtime's error when a step fails.
     */
    public static CompletionStage<Done> run(ActorRuntime runtime, Source<Batch, ?> batches, long steps,
                                            LrSchedule lr, long seed, StepListener listener) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        return batches.take(steps)
                .mapAsync(1, b -> runtime.stepAsync(b, lr.at(b.step()), Dropout.stepKey(seed, b.step()))
                        .thenApply(r -> {
                            if (r.error() != null) {
                                throw new IllegalStateException(r.error());
                            }
                            listener.onStep(b.step(), lr.at(b.step()), new TrainingStep.Result(r.loss(), r.gradNorm(), -1));
                            return r;
                        }))
                .withAttributes(Attributes.inputBuffer(1, 1))
                .runWith(Sink.ignore(), runtime.system());
    }
}
