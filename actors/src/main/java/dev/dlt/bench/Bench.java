package dev.dlt.bench;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.tie.TieMap;
import dev.dlt.report.Format;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dlt bench}: one run that prints the matmul peak and, for each configuration, tokens/s, achieved
 * GFLOP/s, MFU against that peak and memory by category — figures and ratios side by side.
 */
public final class Bench {

    private Bench() {}

    public static String run(NDManager root, int vocab, int warmup, int steps, PrintWriter status) {
        GptConfig small = new GptConfig(12, 256, 4, vocab, 256, 0.0);
        GptConfig six = new GptConfig(6, 256, 4, vocab, 256, 0.0);
        status.println("[dlt] measuring the matmul peak");
        status.flush();
        double peak = MatmulPeak.gflops(root, 16 * 128, 256);
        List<TrainerBench.Figures> rows = new ArrayList<>();
        String[] names = {"6x256 conventional", "small conventional", "small all-shared"};
        GptConfig[] configs = {six, small, small};
        TieMap[] ties = {TieMap.independent(6), TieMap.independent(12), TieMap.allTiedToFirst(12)};
        for (int i = 0; i < names.length; i++) {
            status.println("[dlt] timing " + names[i]);
            status.flush();
            rows.add(TrainerBench.run(root, names[i], configs[i], ties[i], 16, 128, warmup, steps));
        }
        status.println("[dlt] timing small conventional through the actor runtime");
        status.flush();
        rows.add(TrainerBench.runActors("small conventional, actors", small, TieMap.independent(12), 16, 128, warmup, steps));
        return render(peak, rows);
    }

    static String render(double peak, List<TrainerBench.Figures> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("matmul peak (float32, best of 3 shapes): ").append(Format.fixed(peak, 1)).append(" GFLOP/s\n\n");
        sb.append("| configuration | B x T | tokens/s | GFLOP/s | MFU | trainable params | params | gradients | optimizer | activations | RSS |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        TrainerBench.Figures first = rows.get(0);
        for (TrainerBench.Figures f : rows) {
            sb.append("| ").append(f.name()).append(" | ").append(f.batch()).append(" x ").append(f.seqLen())
                    .append(" | ").append(Format.fixed(f.tokensPerSec(), 0))
                    .append(" | ").append(Format.fixed(f.gflops(), 1))
                    .append(" | ").append(Format.fixed(100 * f.gflops() / peak, 1)).append("%")
                    .append(" | ").append(f.trainableParams())
                    .append(" | ").append(Format.bytes(f.memory().parameterBytes()))
                    .append(" | ").append(Format.bytes(f.memory().gradientBytes()))
                    .append(" | ").append(Format.bytes(f.memory().optimizerStateBytes()))
                    .append(" | ").append(Format.bytes(f.memory().activationPeakBytes()))
                    .append(" | ").append(Format.bytes(f.memory().processRssBytes())).append(" |\n");
        }
        if (rows.size() >= 3) {
            TrainerBench.Figures conv = rows.get(1);
            TrainerBench.Figures shared = rows.get(2);
            sb.append("\nall-shared / conventional (small): tokens/s ")
                    .append(Format.fixed(shared.tokensPerSec() / conv.tokensPerSec(), 3))
                    .append(", training-state bytes (params + grads + optimizer) ")
                    .append(Format.fixed((double) trainingState(shared) / trainingState(conv), 3)).append('\n');
        }
        if (rows.size() >= 4) {
            sb.append("actors / local (small conventional): tokens/s ")
                    .append(Format.fixed(rows.get(3).tokensPerSec() / rows.get(1).tokensPerSec(), 3)).append('\n');
        }
        sb.append("6x256 conventional reaches ").append(Format.fixed(100 * first.gflops() / peak, 1))
                .append("% of the matmul peak\n");
        return sb.toString();
    }

    private static long trainingState(TrainerBench.Figures f) {
        return f.memory().parameterBytes() + f.memory().gradientBytes() + f.memory().optimizerStateBytes();
    }
}
