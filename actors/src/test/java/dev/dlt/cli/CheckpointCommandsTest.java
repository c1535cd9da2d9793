package dev.dlt.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.dlt.report.RunDirectory;
import dev.dlt.report.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlt eval}, {@code generate} and {@code export} on a real tiny run. */
class CheckpointCommandsTest {

    @TempDir
    static Path tmp;

    static Path run;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int dlt(String... args) {
        out.reset();
        err.reset();
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        int code = Main.execute(new String[] {"train", "--preset", "tiny", "--steps", "6", "--policy", "cycle",
                "--layers", "4", "--out", run.toString()}, System.out, System.err);
        assertEquals(0, code);
    }

    @Test
    void evalReproducesTheRunsTestPerplexity() {
        RunResult r = RunDirectory.readResults(run.resolve("results.json"));
        assertEquals(0, dlt("eval", run.toString(), "--split", "test"), err.toString());
        String line = out.toString(StandardCharsets.UTF_8).trim();
        assertTrue(line.startsWith("test perplexity "), line);
        double ppl = Double.parseDouble(line.split(" ")[2]);
        assertEquals(r.testPerplexity(), ppl, 1e-3 * r.testPerplexity());
    }

    @Test
    void generationIsSeededAndStartsWithThePrompt() {
        assertEquals(0, dlt("generate", run.toString(), "--prompt", "Fellow citizens", "--max-tokens", "12",
                "--seed", "4"), err.toString());
        String first = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, dlt("generate", run.toString(), "--prompt", "Fellow citizens", "--max-tokens", "12",
                "--seed", "4"));
        assertEquals(first, out.toString(StandardCharsets.UTF_8));
        assertTrue(first.startsWith("Fellow citizens"));
        assertTrue(first.length() > "Fellow citizens".length() + 3, first);
        assertEquals(2, dlt("generate", run.toString(), "--prompt", "x", "--temperature", "0"));
    }

    @Test
    void trainingStartsFromAnExportedGpt2File() {
        Path file = tmp.resolve("start.safetensors");
        assertEquals(0, dlt("export", run.toString(), "--out", file.toString()), err.toString());
        Path next = tmp.resolve("from-file");
        assertEquals(0, dlt("train", "--preset", "tiny", "--layers", "4", "--policy", "conventional", "--steps", "1",
                "--lr", "1e-9", "--warmup-fraction", "0", "--init-from", file.toString(), "--out", next.toString()),
                err.toString());
        RunResult before = RunDirectory.readResults(run.resolve("results.json"));
        RunResult after = RunDirectory.readResults(next.resolve("results.json"));
        assertEquals(before.validLoss(), after.validLoss(), 1e-4, "one step at lr 1e-9 keeps the imported weights");
        assertEquals(2, dlt("train", "--preset", "tiny", "--layers", "3", "--steps", "1", "--init-from", file.toString(),
                "--out", tmp.resolve("mismatch").toString()));
        assertTrue(err.toString().contains("--init-from"), err.toString());
    }

    @Test
    void exportWritesOnceAndNeverOverwrites() throws IOException {
        Path file = tmp.resolve("gpt2.safetensors");
        assertEquals(0, dlt("export", run.toString(), "--out", file.toString()), err.toString());
        byte[] written = Files.readAllBytes(file);
        assertTrue(written.length > 1000);
        long headerLength = java.nio.ByteBuffer.wrap(written, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(written, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("h.3.attn.c_attn.weight"), "tied layers are materialised under GPT-2 names");
        assertEquals(2, dlt("export", run.toString(), "--out", file.toString()));
        assertArrayEquals(written, Files.readAllBytes(file));
        assertEquals(2, dlt("export", tmp.resolve("no-such-run").toString(), "--out", tmp.resolve("y").toString()));
    }
}
