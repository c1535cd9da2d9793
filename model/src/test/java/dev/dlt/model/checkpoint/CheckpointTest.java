package dev.dlt.model.checkpoint;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.UserInputException;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.Param;
import dev.dlt.model.nn.TinyModels;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static final long SEED = 21;
    @TempDir
    Path run;
    private NDManager root;

    @BeforeEach
    void open() {
        root = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        root.close();
    }

    private static TrainingState state(long step) {
        return new TrainingState(step, 2, Map.of("lr", 1e-3, "batch", 2, "schedule", "cosine"),
                Map.of("init", SEED, "dropout", SEED + 1), "bytes", new byte[] {7, 0, -1, 42});
    }

    /** Trains {@code steps} steps from {@code from}: batch a pure function of the step (two alternate), dropout step-keyed. */
    private static double[] train(Gpt m, AdamW opt, long from, int steps) {
        double[] out = new double[steps];
        for (int s = 0; s < steps; s++) {
            long step = from + s;
            out[s] = TrainingStep.run(m, opt, TinyModels.batch(2, 8, m.config().vocabSize(), 1000 + step % 2), 1e-2, 1.0,
                    Dropout.stepKey(SEED, step)).loss();
        }
        return out;
    }

    private Gpt trained(TieMap ties, GradientMode mode, AdamW[] opt) {
        Gpt m = TinyModels.model(root, ties, mode, SEED);
        opt[0] = new AdamW(AdamW.Settings.defaults(), m.manager().newSubManager());
        train(m, opt[0], 0, 2);
        return m;
    }

    @Test
    void saveThenLoadIsBitIdentical() {
        AdamW[] opt = new AdamW[1];
        Gpt m = trained(TieMap.of(0, 0, 2), GradientMode.FROZEN, opt);
        Path dir = new CheckpointStore(run, 3).save(m, opt[0], state(2));
        assertEquals("step-000002", dir.getFileName().toString());
        try (Checkpoint c = CheckpointStore.load(run, root)) {
            assertEquals(m.ties(), c.model().ties());
            assertEquals(m.config(), c.model().config());
            assertEquals(GradientMode.FROZEN, c.model().gradientMode());
            assertEquals(opt[0].stepCount(), c.optimizer().stepCount());
            assertEquals(state(2), c.training());
            assertEquals(Map.of("lr", 1e-3, "batch", 2, "schedule", "cosine"), c.training().settings());
            List<Param> a = m.parameters();
            List<Param> b = c.model().parameters();
            assertEquals(a.stream().map(Param::name).toList(), b.stream().map(Param::name).toList());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).array().toFloatArray(), b.get(i).array().toFloatArray(), 0f, a.get(i).name());
                assertArrayEquals(opt[0].moments(a.get(i).array()).m().toFloatArray(),
                        c.optimizer().moments(b.get(i).array()).m().toFloatArray(), 0f);
                assertArrayEquals(opt[0].moments(a.get(i).array()).v().toFloatArray(),
                        c.optimizer().moments(b.get(i).array()).v().toFloatArray(), 0f);
            }
        }
    }

    @Test
    void anUntrainedModelRoundTripsAndResavingAStepReplacesIt() {
        Gpt m = TinyModels.model(root, TieMap.allTiedToFirst(3), GradientMode.SHARED, SEED);
        AdamW opt = new AdamW(AdamW.Settings.defaults(), m.manager().newSubManager());
        CheckpointStore store = new CheckpointStore(run, 3);
        store.save(m, opt, state(0));
        try (Checkpoint c = store.latest(root).orElseThrow()) {
            assertEquals(0, c.optimizer().stepCount());
            assertNull(c.optimizer().moments(c.model().tokenEmbedding()));
            assertArrayEquals(m.tokenEmbedding().toFloatArray(), c.model().tokenEmbedding().toFloatArray(), 0f);
            assertEquals(4 + 12, c.model().parameters().size(), "one root: 4 shared tensors + 12 of layer 0");
        }
        train(m, opt, 0, 1);
        store.save(m, opt, state(0));
        assertEquals(1, store.list().size());
        try (Checkpoint c = store.latest(root).orElseThrow()) {
            assertEquals(1, c.optimizer().stepCount(), "the second save of step 0 replaced the first");
        }
    }

    @Test
    void resumingGivesTheSameLossesAsAnUninterruptedRun() {
        // Uninterrupted: 3 steps, untie layer 2, 3 more steps.
        Gpt a = TinyModels.model(root, TieMap.of(0, 0, 0), GradientMode.SHARED, SEED);
        AdamW optA = new AdamW(AdamW.Settings.defaults(), a.manager().newSubManager());
        double[] first = train(a, optA, 0, 3);
        a.untie(2, optA);
        double[] rest = train(a, optA, 3, 3);

        Gpt b = TinyModels.model(root, TieMap.of(0, 0, 0), GradientMode.SHARED, SEED);
        AdamW optB = new AdamW(AdamW.Settings.defaults(), b.manager().newSubManager());
        assertArrayEquals(first, train(b, optB, 0, 3), 0.0);
        b.untie(2, optB);
        CheckpointStore store = new CheckpointStore(run, 2);
        store.save(b, optB, state(3));
        b.close();
        try (Checkpoint c = store.latest(root).orElseThrow()) {
            assertEquals(TieMap.of(0, 0, 2), c.model().ties());
            double[] resumed = train(c.model(), c.optimizer(), c.training().dataPosition(), 3);
            assertArrayEquals(rest, resumed, 0.0, "losses after resume are bit-identical");
        }
        assertTrue(rest[1] < first[0] - 0.05, "step 4 sees step 0's batch again: " + first[0] + " -> " + rest[1]);
    }

    @Test
    void checkpointSizeGrowsWithRootsNotDepth() throws IOException {
        GptConfig c = new GptConfig(6, 32, 2, 37, 16, 0.0);
        long tied = modelBytes(c, TieMap.of(0, 0, 0, 3, 3, 3), "tied");
        long full = modelBytes(c, TieMap.independent(6), "full");
        long block = c.blockParameters() * 4;
        long shared = c.sharedParameters() * 4;
        assertTrue(tied >= shared + 2 * block && tied < shared + 2 * block + 8192, "2 roots: " + tied);
        assertTrue(full >= shared + 6 * block && full < shared + 6 * block + 8192, "6 roots: " + full);
        assertEquals(4 * block, full - tied, 4096, "four fewer blocks, up to header size");
    }

    private long modelBytes(GptConfig c, TieMap ties, String name) throws IOException {
        Gpt m = TinyModels.model(root, c, ties, GradientMode.SHARED, SEED);
        AdamW opt = new AdamW(AdamW.Settings.defaults(), m.manager().newSubManager());
        Path dir = new CheckpointStore(run.resolve(name), 1).save(m, opt, state(0));
        m.close();
        return Files.size(dir.resolve(Checkpoint.MODEL));
    }

    @Test
    void keepLastPrunesOlderCheckpoints() throws IOException {
        AdamW[] opt = new AdamW[1];
        Gpt m = trained(TieMap.of(0, 0, 2), GradientMode.SHARED, opt);
        CheckpointStore store = new CheckpointStore(run, 2);
        for (long s = 1; s <= 4; s++) {
            store.save(m, opt[0], state(s));
        }
        assertEquals(List.of("step-000003", "step-000004"),
                store.list().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals("step-000004", store.latestPath().orElseThrow().getFileName().toString());
        assertEquals("step-000004\n", Files.readString(run.resolve("checkpoints/latest")));
        assertThrows(UserInputException.class, () -> new CheckpointStore(run, 0));
    }

    @Test
    void aFailedSaveLeavesThePreviousCheckpointIntact() throws IOException {
        AdamW[] opt = new AdamW[1];
        Gpt m = trained(TieMap.of(0, 0, 2), GradientMode.SHARED, opt);
        CheckpointStore store = new CheckpointStore(run, 1);
        Path good = store.save(m, opt[0], state(1));
        String sums = Files.readString(good.resolve(Checksums.FILE));
        // Jackson cannot serialise a bare Object: state.json fails after both safetensors files are written.
        TrainingState bad = new TrainingState(2, 0, Map.of("oops", new Object()), Map.of(), "bytes", null);
        assertThrows(RuntimeException.class, () -> store.save(m, opt[0], bad));
        assertEquals(List.of(good), store.list());
        assertEquals(good, store.latestPath().orElseThrow());
        assertEquals(sums, Files.readString(good.resolve(Checksums.FILE)));
        try (var s = Files.list(store.directory())) {
            assertEquals(List.of("latest", "step-000001"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporaries left");
        }
        try (Checkpoint c = CheckpointStore.load(good, root)) {
            assertEquals(1, c.training().step());
        }
    }

    @Test
    void resolveAcceptsARunDirectoryTheCheckpointsDirectoryOrAStepDirectory() {
        AdamW[] opt = new AdamW[1];
        Gpt m = trained(TieMap.of(0, 0, 2), GradientMode.SHARED, opt);
        Path dir = new CheckpointStore(run, 1).save(m, opt[0], state(5));
        assertEquals(dir, CheckpointStore.resolve(run));
        assertEquals(dir, CheckpointStore.resolve(dir));
        assertEquals(dir.getFileName(), CheckpointStore.resolve(run.resolve("checkpoints")).getFileName());
        UserInputException e = assertThrows(UserInputException.class,
                () -> CheckpointStore.resolve(run.resolve("nothing-here")));
        assertTrue(e.getMessage().contains("nothing-here"), e.getMessage());
    }

    // ---- corruption ---------------------------------------------------------------------------

    private Path saved() {
        AdamW[] opt = new AdamW[1];
        Gpt m = trained(TieMap.of(0, 0, 2), GradientMode.SHARED, opt);
        return new CheckpointStore(run, 1).save(m, opt[0], state(2));
    }

    private void assertLoadFailsNaming(Path dir, String file, String words) {
        UserInputException e = assertThrows(UserInputException.class, () -> CheckpointStore.load(dir, root));
        assertTrue(e.getMessage().contains(dir.resolve(file).toString()), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void truncatedFileFailsItsChecksum() throws IOException {
        Path dir = saved();
        Path f = dir.resolve(Checkpoint.MODEL);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 100));
        assertLoadFailsNaming(dir, Checkpoint.MODEL, "SHA-256");
    }

    @Test
    void flippedByteFailsItsChecksum() throws IOException {
        Path dir = saved();
        Path f = dir.resolve(Checkpoint.OPTIMIZER);
        byte[] all = Files.readAllBytes(f);
        all[all.length - 5] ^= 0x10;
        Files.write(f, all);
        assertLoadFailsNaming(dir, Checkpoint.OPTIMIZER, "SHA-256");
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path dir = saved();
        Files.delete(dir.resolve(Checkpoint.AGENT));
        assertLoadFailsNaming(dir, Checkpoint.AGENT, "missing");
    }

    @Test
    void badHeaderJsonIsNamedEvenWithAMatchingChecksum() throws IOException {
        Path dir = saved();
        SafetensorsTest.rewriteHeader(dir.resolve(Checkpoint.MODEL), "{\"__metadata__\"", "{\"__metadata__\"[");
        resum(dir);
        assertLoadFailsNaming(dir, Checkpoint.MODEL, "not valid JSON");
    }

    @Test
    void wrongShapeIsNamed() throws IOException {
        Path dir = saved();
        // Same byte count, transposed shape: only the model check can notice.
        SafetensorsTest.rewriteHeader(dir.resolve(Checkpoint.MODEL), "\"shape\":[48,16]", "\"shape\":[16,48]");
        resum(dir);
        assertLoadFailsNaming(dir, Checkpoint.MODEL, "has shape (16, 48), expected (48, 16)");
    }

    @Test
    void stateThatDisagreesWithTheTensorsIsNamed() throws IOException {
        Path dir = saved();
        Path state = dir.resolve(Checkpoint.STATE);
        String json = Files.readString(state);
        Files.writeString(state, json.replace("\"ties\" : [ 0, 0, 2 ]", "\"ties\" : [ 0, 1, 2 ]"));
        resum(dir);
        assertLoadFailsNaming(dir, Checkpoint.MODEL, "no tensor 'h.1.ln_1.weight'");
        Files.writeString(state, json.replace("\"gradientMode\" : \"shared\"", "\"gradientMode\" : \"sideways\""));
        resum(dir);
        assertLoadFailsNaming(dir, Checkpoint.STATE, "unknown gradient mode 'sideways'");
        Files.writeString(state, json.replace("\"lr\" : 0.001", "\"lr\" : null"));
        resum(dir);
        assertLoadFailsNaming(dir, Checkpoint.STATE, "corrupt");
        Files.writeString(state, json.replace("\"heads\" : 2", "\"heads\" : 3"));
        resum(dir);
        assertLoadFailsNaming(dir, Checkpoint.STATE, "width 16 is not divisible by heads 3");
        Files.writeString(state, "{ \"format\": 1, \"step\": ");
        resum(dir);
        assertLoadFailsNaming(dir, Checkpoint.STATE, "corrupt");
    }

    /** Recomputes checksums so a deliberate edit gets past the SHA-256 check to the parser. */
    private static void resum(Path dir) throws IOException {
        List<String> names = Files.readAllLines(dir.resolve(Checksums.FILE), StandardCharsets.UTF_8).stream()
                .map(l -> l.substring(66)).toList();
        Checksums.write(dir, names);
    }
}
