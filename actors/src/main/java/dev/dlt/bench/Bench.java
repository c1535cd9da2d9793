package dev.dlt.bench;

import ai.djl.ndarray.NDManager;
import dev.dlt.report.Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dlt bench}: one run that prints the matmul peak and, for each case, tokens/s, achieved GFLOP/s,
 * MFU against that peak and memory by category — figures and ratios side by side. Every case runs in a
 * fresh JVM with this JVM's options and classpath (as JMH forks), so the actor runtime's threads and the
 * local trainer's heap never share a process and the RSS column is the case's own.
 */
public final class Bench {

    static final int BATCH = 16;
    static final int SEQ_LEN = 128;

    /** The cases, in table order; the ratios below the table refer to them by position. */
    static final List<BenchCase> CASES = List.of(
            new BenchCase("6x256 conventional", 6, false, false, 0),
            new BenchCase("small conventional", 12, false, false, 0),
            new BenchCase("small all-shared", 12, true, false, 0),
            new BenchCase("small conventional, actors", 12, false, true, 0),
            new BenchCase("small conventional, actors, 1 micro-batch", 12, false, true, 1),
            new BenchCase("small all-shared, actors", 12, true, true, 0));

    private Bench() {}

    public static String run(NDManager root, int vocab, int warmup, int steps, PrintWriter status) {
        status.println("[dlt] measuring the matmul peak");
        status.flush();
        double peak = MatmulPeak.gflops(root, BATCH * SEQ_LEN, BenchCase.WIDTH);
        List<TrainerBench.Figures> rows = new ArrayList<>();
        for (BenchCase c : CASES) {
            status.println("[dlt] timing " + c.name() + " (" + warmup + " + " + steps + " steps, a JVM of its own)");
            status.flush();
            rows.add(fork(c, vocab, warmup, steps));
        }
        return render(peak, rows);
    }

    /** Runs one case in a child JVM and reads its figures. */
    static TrainerBench.Figures fork(BenchCase c, int vocab, int warmup, int steps) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchWorker.class.getName());
        cmd.addAll(c.args(vocab, warmup, steps));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            return parse(c.name(), out, exit);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the bench JVM for " + c.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing " + c.name(), e);
        }
    }

    /** The figures line of a worker's output. */
    static TrainerBench.Figures parse(String name, String out, int exit) {
        for (String line : out.split("\n")) {
            if (line.startsWith(BenchWorker.PREFIX) && exit == 0) {
                try {
                    return BenchWorker.JSON.readValue(line.substring(BenchWorker.PREFIX.length()),
                            TrainerBench.Figures.class);
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable figures from the bench JVM of " + name + ": " + line, e);
                }
            }
        }
        throw new IllegalStateException("the bench JVM of " + name + " exited with " + exit
                + " without figures (its errors are above)");
    }

    static String render(double peak, List<TrainerBench.Figures> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("matmul peak (float32, best of 3 shapes): ").append(Format.fixed(peak, 1)).append(" GFLOP/s\n\n");
        sb.append("| configuration | runs as | B x T | tokens/s | median step | GFLOP/s | MFU | trainable params | params "
                + "| gradients | optimizer | activations | RSS |\n");
        sb.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (TrainerBench.Figures f : rows) {
            long act = f.memory().activationPeakBytes();
            sb.append("| ").append(f.name()).append(" | ").append(f.setup())
                    .append(" | ").append(f.batch()).append(" x ").append(f.seqLen())
                    .append(" | ").append(Format.fixed(f.tokensPerSec(), 0))
                    .append(" | ").append(Format.fixed(f.medianStepSeconds(), 3)).append(" s")
                    .append(" | ").append(Format.fixed(f.gflops(), 1))
                    .append(" | ").append(Format.fixed(100 * f.gflops() / peak, 1)).append("%")
                    .append(" | ").append(f.trainableParams())
                    .append(" | ").append(Format.bytes(f.memory().parameterBytes()))
                    .append(" | ").append(Format.bytes(f.memory().gradientBytes()))
                    .append(" | ").append(Format.bytes(f.memory().optimizerStateBytes()))
                    .append(" | ").append(act > 0 ? Format.bytes(act) : "n/a")
                    .append(" | ").append(Format.bytes(f.memory().processRssBytes())).append(" |\n");
        }
        sb.append('\n');
        if (rows.size() >= 3) {
            TrainerBench.Figures conv = rows.get(1);
            TrainerBench.Figures shared = rows.get(2);
            sb.append("all-shared / conventional (small): tokens/s ")
                    .append(Format.fixed(shared.tokensPerSec() / conv.tokensPerSec(), 3))
                    .append(", training-state bytes (params + grads + optimizer) ")
                    .append(Format.fixed((double) trainingState(shared) / trainingState(conv), 3)).append('\n');
        }
        for (int k = 3; k < rows.size(); k++) {
            TrainerBench.Figures local = rows.get(rows.get(k).name().startsWith("small all-shared") ? 2 : 1);
            sb.append(rows.get(k).name().replace("small conventional, ", "")).append(" / local (").append(local.name())
                    .append("): tokens/s ").append(Format.fixed(rows.get(k).tokensPerSec() / local.tokensPerSec(), 3))
                    .append('\n');
        }
        sb.append("6x256 conventional reaches ").append(Format.fixed(100 * rows.get(0).gflops() / peak, 1))
                .append("% of the matmul peak\n");
        return sb.toString();
    }

    private static long trainingState(TrainerBench.Figures f) {
        return f.memory().parameterBytes() + f.memory().gradientBytes() + f.memory().optimizerStateBytes();
    }
}
