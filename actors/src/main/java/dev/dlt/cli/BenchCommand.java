package dev.dlt.cli;

import ai.djl.ndarray.NDManager;
import dev.dlt.bench.Bench;
import dev.dlt.model.UserInputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dlt bench}: throughput, memory and model FLOPs utilisation, side by side in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure matmul peak, training tokens/s, MFU and memory by category on this machine; "
                + "each configuration runs in a JVM of its own.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--steps", defaultValue = "10",
            description = "Timed steps per configuration; tokens/s come from the median step (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--vocab", defaultValue = "8192", description = "Vocabulary size (default ${DEFAULT-VALUE}, as bpe-8192).")
    int vocab;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (steps < 1 || warmup < 0 || vocab < 2) {
            throw new UserInputException("need --steps >= 1, --warmup >= 0 and --vocab >= 2, got " + steps + ", "
                    + warmup + " and " + vocab);
        }
        try (NDManager root = NDManager.newBaseManager()) {
            spec.commandLine().getOut().print(Bench.run(root, vocab, warmup, steps, spec.commandLine().getErr()));
        }
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
