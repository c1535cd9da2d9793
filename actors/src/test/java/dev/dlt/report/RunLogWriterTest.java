package dev.dlt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogWriterTest {

    @TempDir
    Path tmp;

    private static final MemoryReport MEM = new MemoryReport(400, 400, 800, 5_000, 1_000_000);

    @Test
    void rowsRoundTripThroughCsv() {
        Path run = tmp.resolve("run");
        RunLogs written = Fixtures.writeSyntheticRun(run, 3, 1);

        RunLogs read = RunLogs.read(run);

        assertEquals(3 * (Fixtures.LAYERS - 1) * 4, read.steps().size());
        assertEquals(written.steps(), read.steps());
        assertEquals(written.ties(), read.ties());
        assertEquals(written.evals(), read.evals());
    }

    @Test
    void everyRowIsOnDiskBeforeClose() throws IOException {
        RunDirectory dir = RunDirectory.prepare(tmp.resolve("run"), false);
        try (RunLogWriter w = dir.openLogs()) {
            w.step(new StepLog(0, 0, 1e-4, 9.5, 1.25, 2400.5, 0.4, 1000, "[0, 0, 2]"));
            w.eval(new EvalLog(0, 0, 9.1, Math.exp(9.1), 1000, MEM));

            List<String> lines = Files.readAllLines(dir.steps());
            assertEquals("step,episode,lr,trainLoss,gradNorm,tokensPerSec,elapsedSec,trainableParams,tieState", lines.get(0));
            assertEquals("0,0,1.0E-4,9.5,1.25,2400.5,0.4,1000,\"[0, 0, 2]\"", lines.get(1));
            assertEquals("step,episode,validLoss,validPerplexity,trainableParams,parameterBytes,gradientBytes,"
                    + "optimizerStateBytes,activationPeakBytes,processRssBytes", Files.readAllLines(dir.evals()).get(0));
        }
    }

    @Test
    void resumedRunAppendsWithoutASecondHeader() throws IOException {
        Path run = tmp.resolve("run");
        try (RunLogWriter w = RunDirectory.prepare(run, false).openLogs()) {
            w.tie(new TieLog(0, 0, 1, 0, "[0, 0]", "[0, 0]", -3.5, 1.0, 3.5, 10, "UNCHANGED"));
        }
        try (RunLogWriter w = RunDirectory.prepare(run, true).openLogs()) {
            w.tie(new TieLog(4, 1, 1, 1, "[0, 0]", "[0, 1]", -3.2, 0.95, 3.2, 20, "TIED_TO_INDEPENDENT"));
        }

        List<TieLog> ties = RunLogs.read(run).ties();
        assertEquals(2, ties.size());
        assertEquals("TIED_TO_INDEPENDENT", ties.get(1).change());
        assertEquals(3, Files.readAllLines(run.resolve(RunDirectory.TIES)).size());
    }

    @Test
    void malformedLogIsAUserErrorNamingTheFile() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve(RunDirectory.STEPS), "step,episode\nnot-a-number,0\n");

        UserInputException e = assertThrows(UserInputException.class, () -> RunLogs.read(run));
        assertTrue(e.getMessage().contains(run.resolve(RunDirectory.STEPS).toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void tieLogRejectsAnActionOutsideTheLayersRange() {
        assertThrows(IllegalArgumentException.class,
                () -> new TieLog(0, 0, 2, 3, "[0, 0, 0]", "[0, 0, 0]", 0, 0.5, 1, 1, "UNCHANGED"));
        assertThrows(IllegalArgumentException.class,
                () -> new TieLog(0, 0, 2, 1, "[0, 0, 0]", "[0, 0, 0]", 0, 0.5, 1, 1, "SOMETIMES"));
    }
}
