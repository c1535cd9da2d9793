package dev.dlt.train;

import dev.dlt.model.data.Batch;
import dev.dlt.model.data.EvalBatches;
import dev.dlt.model.data.TokenSequence;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.train.TrainingStep;
import java.util.function.ToDoubleFunction;

/** Perplexity of a model on a split: the token-weighted mean loss over non-overlapping blocks. */
public final class Evaluator {

    /** Mean loss over the tokens read, and its exponential. */
    public record Score(double loss, long tokens) {
        public double perplexity() {
            return Math.exp(loss);
        }
    }

    private Evaluator() {}

    /** @param maxBatches how many batches to read; 0 reads the whole split */
    public static Score evaluate(Gpt model, TokenSequence tokens, int batchSize, int seqLen, long maxBatches) {
        return evaluate(b -> TrainingStep.evaluate(model, b), tokens, batchSize, seqLen, maxBatches);
    }

    /** @param lossOf the mean loss of one batch, from whichever runtime holds the model */
    public static Score evaluate(ToDoubleFunction<Batch> lossOf, TokenSequence tokens, int batchSize, int seqLen,
                                 long maxBatches) {
        double sum = 0;
        long count = 0;
        for (Batch b : new EvalBatches(tokens, batchSize, seqLen, maxBatches)) {
            sum += lossOf.applyAsDouble(b) * b.tokens();
            count += b.tokens();
        }
        return new Score(count == 0 ? Double.NaN : sum / count, count);
    }
}
