package dev.dlt.model.data;

import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Batches as Pekko Streams sources with backpressure: a batch is built only when downstream pulls, so a
 * slow trainer never causes batches to pile up (at most the stage buffers fill).
 */
public final class BatchSource {

    private BatchSource() {
    }

    /** Training batches for steps {@code fromStep, fromStep+1, …} (endless: bound it with {@code take}). */
    public static Source<Batch, NotUsed> training(BatchSampler sampler, long fromStep) {
        return steps(sampler::batch, fromStep);
    }

    /** {@code batchOf(s)} for s = fromStep, fromStep+1, …, each called only on demand. */
    public static Source<Batch, NotUsed> steps(LongFunction<Batch> batchOf, long fromStep) {
        if (fromStep < 0) throw new IllegalArgumentException("fromStep " + fromStep + " < 0");
        return Source.unfold(fromStep, s -> Optional.of(Pair.create(s + 1, s))).map(batchOf::apply);
    }

    /** The evaluation batches of {@code eval}, in order, built on demand. */
    public static Source<Batch, NotUsed> evaluation(EvalBatches eval) {
        return Source.unfold(0L, i -> i < eval.batches() ? Optional.of(Pair.create(i + 1, i)) : Optional.empty())
                .map(eval::batch);
    }
}
