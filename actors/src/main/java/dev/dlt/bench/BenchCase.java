package dev.dlt.bench;

import dev.dlt.model.GptConfig;
import dev.dlt.model.tie.TieMap;
import java.util.List;

/**
 * One configuration of {@code dlt bench}: a model shape, a tie pattern and a runtime. Each case runs in a
 * JVM of its own ({@link BenchWorker}), so no case inherits another's threads, heap or native memory.
 *
 * @param name         the row's name in the table
 * @param layers       transformer layers (width 256, 4 heads, context 256)
 * @param allShared    every layer tied to layer 0 (else every layer independent)
 * @param actors       the actor runtime (one actor per layer) instead of the local trainer
 * @param microBatches actor runtime only: micro-batches per step; 0 = the {@code dlt.runtime} default
 */
record BenchCase(String name, int layers, boolean allShared, boolean actors, int microBatches) {

    static final int WIDTH = 256;
    static final int HEADS = 4;
    static final int CONTEXT = 256;

    GptConfig config(int vocab) {
        return new GptConfig(layers, WIDTH, HEADS, vocab, CONTEXT, 0.0);
    }

    TieMap ties() {
        return allShared ? TieMap.allTiedToFirst(layers) : TieMap.independent(layers);
    }

    /** The worker's command-line arguments for this case. */
    List<String> args(int vocab, int warmup, int steps) {
        return List.of(name, Integer.toString(layers), Boolean.toString(allShared), Boolean.toString(actors),
                Integer.toString(microBatches), Integer.toString(vocab), Integer.toString(warmup),
                Integer.toString(steps));
    }

    /** Reads {@link #args}; the last three values are vocab, warmup and steps. */
    static BenchCase parse(String[] a) {
        return new BenchCase(a[0], Integer.parseInt(a[1]), Boolean.parseBoolean(a[2]), Boolean.parseBoolean(a[3]),
                Integer.parseInt(a[4]));
    }
}
