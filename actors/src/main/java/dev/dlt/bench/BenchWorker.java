package dev.dlt.bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The child JVM of one bench case: measures it and prints one line, {@link #PREFIX} followed by the
 * {@link TrainerBench.Figures} as JSON, on standard output. Everything else goes to standard error.
 */
public final class BenchWorker {

    static final String PREFIX = "dlt-bench-figures ";
    static final ObjectMapper JSON = new ObjectMapper();

    private BenchWorker() {}

    public static void main(String[] args) throws Exception {
        BenchCase c = BenchCase.parse(args);
        int vocab = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        int steps = Integer.parseInt(args[7]);
        TrainerBench.Figures f;
        if (c.actors()) {
            f = TrainerBench.runActors(c, vocab, Bench.BATCH, Bench.SEQ_LEN, warmup, steps);
        } else {
            try (NDManager root = NDManager.newBaseManager()) {
                f = TrainerBench.run(root, c, vocab, Bench.BATCH, Bench.SEQ_LEN, warmup, steps);
            }
        }
        System.out.println(PREFIX + JSON.writeValueAsString(f));
        System.out.flush();
        System.exit(0); // libtorch's threads must not keep the JVM alive
    }
}
