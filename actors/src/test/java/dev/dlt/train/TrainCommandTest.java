package dev.dlt.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.dlt.cli.Main;
import dev.dlt.report.RunDirectory;
import dev.dlt.report.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlt train} end to end on the embedded corpus with the tiny preset, in-process. */
class TrainCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int dlt(String... args) {
        out.reset();
        err.reset();
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String[] tiny(Path dir, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--preset", "tiny", "--steps", "8", "--out", dir.toString()));
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    private List<String> errorLines() {
        return err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("dlt: ")).toList();
    }

    private static List<String> lossColumn(Path run) throws IOException {
        return Files.readAllLines(run.resolve("steps.csv")).stream().skip(1).map(l -> l.split(",")[3]).toList();
    }

    @Test
    void aTinyRunWritesResultsLogsAndPlots() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, dlt(tiny(run, "--policy", "dlt")), err.toString());
        RunResult r = RunDirectory.readResults(run.resolve("results.json"));
        assertEquals(8, r.steps());
        assertEquals("dlt", r.policy());
        assertEquals(2, r.finalTieState().length);
        assertTrue(r.validPerplexity() > 1 && r.validPerplexity() < 512, "ppl " + r.validPerplexity());
        assertTrue(r.testPerplexity() > 1 && r.testPerplexity() < 512);
        assertEquals(9, Files.readAllLines(run.resolve("steps.csv")).size(), "header + 8 steps");
        assertEquals(3, Files.readAllLines(run.resolve("ties.csv")).size(), "K = 4: decisions before steps 0 and 4");
        for (String png : List.of("loss.png", "replication-map.png", "tie-changes.png")) {
            assertTrue(Files.size(run.resolve("plots").resolve(png)) > 1000, png);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("valid perplexity"));
    }

    @Test
    void theSameSeedRepeatsTheLossesBitForBit() throws IOException {
        assertEquals(0, dlt(tiny(tmp.resolve("a"), "--seed", "5", "--dropout", "0.1")), err.toString());
        assertEquals(0, dlt(tiny(tmp.resolve("b"), "--seed", "5", "--dropout", "0.1")), err.toString());
        assertEquals(0, dlt(tiny(tmp.resolve("c"), "--seed", "6", "--dropout", "0.1")), err.toString());
        assertEquals(lossColumn(tmp.resolve("a")), lossColumn(tmp.resolve("b")));
        assertNotEquals(lossColumn(tmp.resolve("a")), lossColumn(tmp.resolve("c")));
        assertEquals(Files.readString(tmp.resolve("a/ties.csv")), Files.readString(tmp.resolve("b/ties.csv")));
    }

    @Test
    void theActorRuntimeTrainsLikeTheLocalOne() throws IOException {
        String[] common = {"--layers", "4", "--policy", "dlt", "--dropout", "0.1", "--seed", "9"};
        assertEquals(0, dlt(tiny(tmp.resolve("local"), common)), err.toString());
        List<String> a = new ArrayList<>(Arrays.asList(tiny(tmp.resolve("actors"), common)));
        a.addAll(List.of("--runtime", "actors"));
        assertEquals(0, dlt(a.toArray(String[]::new)), err.toString());
        List<String> local = lossColumn(tmp.resolve("local"));
        List<String> actors = lossColumn(tmp.resolve("actors"));
        assertEquals(local.size(), actors.size());
        for (int i = 0; i < local.size(); i++) {
            double x = Double.parseDouble(local.get(i));
            double y = Double.parseDouble(actors.get(i));
            assertEquals(x, y, 1e-5 * Math.abs(x), "step " + i);
        }
        assertEquals(column(tmp.resolve("local/ties.csv"), 3), column(tmp.resolve("actors/ties.csv"), 3),
                "the agent takes the same actions");
        RunResult l = RunDirectory.readResults(tmp.resolve("local/results.json"));
        RunResult r = RunDirectory.readResults(tmp.resolve("actors/results.json"));
        assertEquals(l.validLoss(), r.validLoss(), 1e-5 * l.validLoss());
        assertEquals(l.trainableParams(), r.trainableParams());
        assertBad(tiny(tmp.resolve("y"), "--runtime", "threads"), "threads");
    }

    @Test
    void aStaticPatternKeepsItsTies() throws IOException {
        Path run = tmp.resolve("cyc");
        assertEquals(0, dlt("train", "--preset", "tiny", "--layers", "6", "--steps", "4", "--policy", "cycle-rev",
                "--unique-layers", "3", "--out", run.toString()), err.toString());
        RunResult r = RunDirectory.readResults(run.resolve("results.json"));
        assertArrayEquals(new int[] {0, 1, 2, 2, 1, 0}, r.finalTieState());
        assertEquals(50.0, r.percentLayersTied(), 1e-9);
        assertEquals(1, Files.readAllLines(run.resolve("ties.csv")).size(), "a static policy makes no decisions");
        assertTrue(Files.size(run.resolve("plots/mlp-correlation.png")) > 1000, "Figure 4 over the 3 roots");
    }

    private static List<String> column(Path csv, int col) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[col]).toList();
    }

    @Test
    void aPausedRunResumesWithTheLossesOfAnUninterruptedOne() throws IOException {
        Path full = tmp.resolve("full");
        Path part = tmp.resolve("part");
        String[] common = {"--policy", "dlt", "--dropout", "0.1", "--checkpoint-every", "2", "--eval-every", "3"};
        assertEquals(0, dlt(tiny(full, common)), err.toString());
        List<String> pause = new ArrayList<>(Arrays.asList(tiny(part, common)));
        pause.addAll(List.of("--stop-after", "5"));
        assertEquals(0, dlt(pause.toArray(String[]::new)), err.toString());
        assertFalse(Files.exists(part.resolve("results.json")), "a paused run has no results yet");
        assertEquals("step-000005", Files.readString(part.resolve("checkpoints/latest")).trim());
        assertEquals(0, dlt("train", "--resume", part.toString()), err.toString());

        assertEquals(8, column(full.resolve("steps.csv"), 3).size());
        assertEquals(column(full.resolve("steps.csv"), 3), column(part.resolve("steps.csv"), 3), "per-step losses");
        assertEquals(Files.readString(full.resolve("ties.csv")), Files.readString(part.resolve("ties.csv")));
        assertEquals(column(full.resolve("evals.csv"), 2), column(part.resolve("evals.csv"), 2));
        RunResult a = RunDirectory.readResults(full.resolve("results.json"));
        RunResult b = RunDirectory.readResults(part.resolve("results.json"));
        assertEquals(a.validLoss(), b.validLoss(), 0.0);
        assertEquals(a.testLoss(), b.testLoss(), 0.0);
        assertArrayEquals(a.finalTieState(), b.finalTieState());
        assertEquals(a.tieChanges(), b.tieChanges());
    }

    @Test
    void aPausedActorRunResumesWithTheLossesOfAnUninterruptedOne() throws IOException {
        Path full = tmp.resolve("full");
        Path part = tmp.resolve("part");
        String[] common = {"--layers", "4", "--policy", "dlt", "--dropout", "0.1", "--checkpoint-every", "2",
            "--eval-every", "3", "--runtime", "actors"};
        assertEquals(0, dlt(tiny(full, common)), err.toString());
        List<String> pause = new ArrayList<>(Arrays.asList(tiny(part, common)));
        pause.addAll(List.of("--stop-after", "5"));
        assertEquals(0, dlt(pause.toArray(String[]::new)), err.toString());
        assertFalse(Files.exists(part.resolve("results.json")), "a paused run has no results yet");
        assertEquals("step-000005", Files.readString(part.resolve("checkpoints/latest")).trim());
        assertEquals(0, dlt("train", "--resume", part.toString(), "--runtime", "actors"), err.toString());

        assertEquals(8, column(full.resolve("steps.csv"), 3).size());
        assertEquals(column(full.resolve("steps.csv"), 3), column(part.resolve("steps.csv"), 3), "per-step losses");
        assertEquals(Files.readString(full.resolve("ties.csv")), Files.readString(part.resolve("ties.csv")));
        assertEquals(column(full.resolve("evals.csv"), 2), column(part.resolve("evals.csv"), 2));
        RunResult a = RunDirectory.readResults(full.resolve("results.json"));
        RunResult b = RunDirectory.readResults(part.resolve("results.json"));
        assertEquals(a.validPerplexity(), b.validPerplexity(), 0.0);
        assertEquals(a.testPerplexity(), b.testPerplexity(), 0.0);
        assertArrayEquals(a.finalTieState(), b.finalTieState());
        assertEquals(a.tieChanges(), b.tieChanges());
    }

    /** Two local steps only: on a loaded machine the local runtime's intra-op threads make it the slow part. */
    @Test
    void aLocalCheckpointResumesUnderTheActorRuntime() throws IOException {
        Path actors = tmp.resolve("actors");
        Path mixed = tmp.resolve("mixed");
        String[] common = {"--layers", "4", "--policy", "dlt", "--dropout", "0.1", "--seed", "9"};
        List<String> a = new ArrayList<>(Arrays.asList(tiny(actors, common)));
        a.addAll(List.of("--runtime", "actors"));
        assertEquals(0, dlt(a.toArray(String[]::new)), err.toString());
        List<String> pause = new ArrayList<>(Arrays.asList(tiny(mixed, common)));
        pause.addAll(List.of("--stop-after", "2"));
        assertEquals(0, dlt(pause.toArray(String[]::new)), err.toString());
        assertEquals(0, dlt("train", "--resume", mixed.toString(), "--runtime", "actors"), err.toString());

        List<String> expected = lossColumn(actors);
        List<String> got = lossColumn(mixed);
        assertEquals(8, got.size());
        for (int i = 0; i < expected.size(); i++) {
            double x = Double.parseDouble(expected.get(i));
            assertEquals(x, Double.parseDouble(got.get(i)), 1e-5 * Math.abs(x), "step " + i);
        }
        assertEquals(column(actors.resolve("ties.csv"), 3), column(mixed.resolve("ties.csv"), 3), "the same actions");
        RunResult r = RunDirectory.readResults(actors.resolve("results.json"));
        RunResult m = RunDirectory.readResults(mixed.resolve("results.json"));
        assertEquals(r.validLoss(), m.validLoss(), 1e-5 * r.validLoss());
        assertArrayEquals(r.finalTieState(), m.finalTieState());
    }

    @Test
    void aCorruptCheckpointIsNamedAndNothingIsWritten() throws IOException {
        Path part = tmp.resolve("part");
        List<String> pause = new ArrayList<>(Arrays.asList(tiny(part, "--stop-after", "3")));
        assertEquals(0, dlt(pause.toArray(String[]::new)), err.toString());
        Path model = part.resolve("checkpoints/step-000003/model.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 5] ^= 0x40;
        Files.write(model, bytes);
        String stepsBefore = Files.readString(part.resolve("steps.csv"));
        assertBad(new String[] {"train", "--resume", part.toString()}, "model.safetensors");
        assertEquals(stepsBefore, Files.readString(part.resolve("steps.csv")), "logs untouched");
        assertFalse(Files.exists(part.resolve("results.json")));
        assertBad(new String[] {"train", "--resume", tmp.resolve("nothing").toString()}, "nothing");
    }

    @Test
    void anExistingRunIsNeverOverwritten() throws IOException {
        Path run = tmp.resolve("done");
        Files.createDirectories(run);
        Files.writeString(run.resolve("results.json"), "{\"keep\": true}");
        assertEquals(2, dlt(tiny(run)));
        assertEquals("{\"keep\": true}", Files.readString(run.resolve("results.json")));
        assertEquals(1, errorLines().size(), errorLines().toString());
        assertFalse(Files.exists(run.resolve("steps.csv")));
    }

    @Test
    void badInputGivesOneLineAndExitTwo() throws IOException {
        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "dlt.train { lr = [oops");
        assertBad(tiny(tmp.resolve("x1"), "--config", conf.toString()), "bad.conf");
        assertBad(tiny(tmp.resolve("x2"), "--config", tmp.resolve("missing.conf").toString()), "missing.conf");
        assertBad(tiny(tmp.resolve("x3"), "--data", tmp.resolve("nowhere").toString()), "nowhere");
        assertBad(tiny(tmp.resolve("x4"), "--seq-len", "1000"), "sequence length 1000");
        assertBad(tiny(tmp.resolve("x5"), "--policy", "greedy"), "greedy");
        assertBad(tiny(tmp.resolve("x6"), "--heads", "5"), "not divisible by heads");
        assertBad(tiny(tmp.resolve("x7"), "--lr", "-1"), "lr");
        assertBad(tiny(tmp.resolve("x8"), "--steps", "0"), "steps");
        assertBad(tiny(tmp.resolve("x9"), "--tokenizer", "bpe-3"), "bpe-3");
        assertBad(tiny(tmp.resolve("x10"), "--device", "gpu:3"), "gpu:3");
    }

    private void assertBad(String[] args, String mentioned) {
        assertEquals(2, dlt(args), "exit code for " + String.join(" ", args));
        List<String> lines = errorLines();
        assertEquals(1, lines.size(), "one error line, got " + lines);
        assertTrue(lines.get(0).contains(mentioned), lines.get(0));
    }
}
