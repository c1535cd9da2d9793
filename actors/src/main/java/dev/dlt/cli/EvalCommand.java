package dev.dlt.cli;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.ConfigFactory;
import dev.dlt.model.checkpoint.Checkpoint;
import dev.dlt.model.checkpoint.CheckpointStore;
import dev.dlt.model.data.BatchSampler;
import dev.dlt.model.data.Corpora;
import dev.dlt.model.data.Split;
import dev.dlt.model.data.TokenCache;
import dev.dlt.model.data.TokenFile;
import dev.dlt.model.tokenizer.Tokenizer;
import dev.dlt.report.Format;
import dev.dlt.train.Evaluator;
import dev.dlt.train.RunFiles;
import dev.dlt.train.TrainSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlt eval CHECKPOINT}: perplexity of a checkpoint on a dataset split. Writes nothing. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Print the perplexity of a checkpoint on a split of a dataset.")
final class EvalCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CHECKPOINT", description = "A run directory (its latest checkpoint) or a step-N directory.")
    Path checkpoint;

    @Option(names = "--data", description = "Corpus (default: the run's own).")
    String data;

    @Option(names = "--format", defaultValue = "auto", description = "auto | sotu | wikitext | lambada | 1bw | text")
    String format;

    @Option(names = "--split", defaultValue = "test", description = "valid | test (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--batch-size", description = "Sequences per batch (default: the run's).")
    Integer batchSize;

    @Option(names = "--seq-len", description = "Tokens per sequence (default: the run's, else the block size).")
    Integer seqLen;

    @Option(names = "--max-batches", description = "Batches to read; 0 = the whole split (default: the run's final-eval-batches).")
    Long maxBatches;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Split which = Split.parse(split);
        Path run = RunFiles.runDirOf(checkpoint);
        TrainSettings saved = TrainSettings.from(RunFiles.savedConfig(run).withFallback(ConfigFactory.load()).resolve());
        try (NDManager root = NDManager.newBaseManager();
             Checkpoint c = CheckpointStore.load(checkpoint, root)) {
            Tokenizer tok = RunFiles.tokenizer(run, c.training().tokenizer());
            String corpus = data != null ? data : saved.data();
            var opened = Corpora.open(corpus, "auto".equalsIgnoreCase(format) ? null : format);
            TokenFile tokens = new TokenCache(TokenCache.dirFor(opened)).tokens(opened, which, tok);
            int t = seqLen != null ? seqLen : saved.seqLen();
            int b = batchSize != null ? batchSize : saved.batchSize();
            BatchSampler.requireFits(t, c.model().config().blockSize());
            Evaluator.Score score = Evaluator.evaluate(c.model(), tokens, b, t,
                    maxBatches != null ? maxBatches : saved.finalEvalBatches());
            spec.commandLine().getOut().println(which.label() + " perplexity " + Format.fixed(score.perplexity(), 3)
                    + " (loss " + Format.fixed(score.loss(), 4) + ", " + score.tokens() + " tokens, " + corpus + ")");
            spec.commandLine().getOut().flush();
        }
        return Main.EXIT_OK;
    }
}
