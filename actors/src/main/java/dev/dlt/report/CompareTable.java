package dev.dlt.report;

import java.nio.file.Path;
import java.util.List;

/** The Markdown table of {@code dlt compare}: one row per run directory, in the order given. */
public final class CompareTable {

    private CompareTable() {
    }

    /**
     * @throws dev.dlt.model.UserInputException naming the first directory that is missing or holds no
     *     readable {@code results.json}
     */
    public static String render(List<Path> runDirs) {
        List<RunResult> results = runDirs.stream().map(d -> RunDirectory.existing(d).readResults()).toList();
        TextTable t = new TextTable("run", "policy", ">valid ppl", ">test ppl", ">trainable params",
                ">layers tied %", ">params", ">gradients", ">optimizer", ">activations", ">RSS", ">tokens/s",
                ">wall time");
        for (RunResult r : results) {
            MemoryReport m = r.memory();
            t.row(r.runName(), r.policy(), Format.fixed(r.validPerplexity(), 2), Format.fixed(r.testPerplexity(), 2),
                    Format.count(r.trainableParams()), Format.fixed(r.percentLayersTied(), 1),
                    Format.bytes(m.parameterBytes()), Format.bytes(m.gradientBytes()),
                    Format.bytes(m.optimizerStateBytes()), Format.bytes(m.activationPeakBytes()),
                    Format.bytes(m.processRssBytes()), Format.fixed(r.tokensPerSec(), 0),
                    Format.duration(r.wallTimeSec()));
        }
        return t.toMarkdown();
    }
}
