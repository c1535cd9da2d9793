package dev.dlt.report;

import java.io.PrintStream;
import java.util.Arrays;

/** The short table a run prints when it ends: one metric per line, aligned. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String render(RunResult r) {
        ModelShape m = r.model();
        MemoryReport mem = r.memory();
        TextTable t = new TextTable("metric", "value");
        t.row("run", r.runName())
                .row("policy", r.policy())
                .row("model", m.layers() + " layers x " + m.width() + " wide, " + m.heads() + " heads, vocab "
                        + m.vocab() + ", seq " + m.seqLen() + ", batch " + m.batch())
                .row("steps / episodes", r.steps() + " / " + r.episodes())
                .row("tokens seen", Format.count(r.tokensSeen()))
                .row("wall time", Format.duration(r.wallTimeSec()))
                .row("tokens/s", Format.fixed(r.tokensPerSec(), 0))
                .row("valid perplexity", Format.fixed(r.validPerplexity(), 2))
                .row("test perplexity", Format.fixed(r.testPerplexity(), 2))
                .row("trainable params", Format.count(r.trainableParams()) + " of " + Format.count(r.totalParams()))
                .row("layers tied", Format.fixed(r.percentLayersTied(), 1) + " %")
                .row("tie state", Arrays.toString(r.finalTieState()))
                .row("memory: params", Format.bytes(mem.parameterBytes()))
                .row("memory: gradients", Format.bytes(mem.gradientBytes()))
                .row("memory: optimizer", Format.bytes(mem.optimizerStateBytes()))
                .row("memory: activations", Format.bytes(mem.activationPeakBytes()))
                .row("memory: process RSS", Format.bytes(mem.processRssBytes()));
        return t.toText();
    }

    public static void print(RunResult r, PrintStream out) {
        out.print(render(r));
        out.flush();
    }
}
