package dev.dlt.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path tmp;

    private final RunResult result = Fixtures.result("dlt-s1", "dlt", new int[] {0, 0, 2, 2, 0, 2}, 61.234,
            63.5, 2_400_000);

    @Test
    void resultsJsonRoundTrips() throws IOException {
        RunDirectory dir = RunDirectory.prepare(tmp.resolve("a/b/run"), false);

        dir.writeResults(result);
        RunResult read = dir.readResults();

        assertEquals(result, read);
        assertArrayEquals(new int[] {0, 0, 2, 2, 0, 2}, read.finalTieState());
        assertEquals(66.666, read.percentLayersTied(), 1e-3);
        assertFalse(Files.exists(dir.path().resolve("results.json.tmp")));
        assertTrue(Files.readString(dir.results()).contains("\n  \"runName\" : \"dlt-s1\""), "pretty JSON");
    }

    @Test
    void nanIsWrittenAsValidJsonAndReadBack() {
        RunResult noTest = Fixtures.result("no-test", "dlt", new int[] {0, 1}, 50, Double.NaN, 10);
        RunDirectory dir = RunDirectory.prepare(tmp.resolve("run"), false);

        dir.writeResults(noTest);

        assertTrue(Double.isNaN(dir.readResults().testPerplexity()));
    }

    @Test
    void refusesToOverwriteAnEarlierRunByteForByte() throws IOException {
        Path out = tmp.resolve("run");
        RunDirectory.prepare(out, false).writeResults(result);
        byte[] before = Files.readAllBytes(out.resolve(RunDirectory.RESULTS));

        UserInputException e = assertThrows(UserInputException.class, () -> RunDirectory.prepare(out, false));

        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("earlier run"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(out.resolve(RunDirectory.RESULTS)));
    }

    @Test
    void resumingAnEarlierRunIsAllowedAndReplacesResults() {
        Path out = tmp.resolve("run");
        RunDirectory.prepare(out, false).writeResults(result);
        RunResult later = Fixtures.result("dlt-s1", "dlt", new int[] {0, 1, 2, 2, 0, 2}, 55, 57, 3_000_000);

        RunDirectory resumed = RunDirectory.prepare(out, true);
        resumed.writeResults(later);

        assertEquals(later, resumed.readResults());
    }

    @Test
    void resumingANonExistentDirectoryIsAUserError() {
        assertThrows(UserInputException.class, () -> RunDirectory.prepare(tmp.resolve("nope"), true));
    }

    @Test
    void missingOrMalformedResultsNameTheFile() throws IOException {
        Path missing = tmp.resolve("results.json");
        UserInputException e1 = assertThrows(UserInputException.class, () -> RunDirectory.readResults(missing));
        assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());

        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"runName\": \"x\", ");
        UserInputException e2 = assertThrows(UserInputException.class, () -> RunDirectory.readResults(bad));
        assertTrue(e2.getMessage().contains(bad.toString()), e2.getMessage());
        assertEquals(1, e2.getMessage().lines().count());

        Path incomplete = Files.writeString(tmp.resolve("incomplete.json"), "{\"runName\": \"x\"}");
        assertThrows(UserInputException.class, () -> RunDirectory.readResults(incomplete));
    }
}
