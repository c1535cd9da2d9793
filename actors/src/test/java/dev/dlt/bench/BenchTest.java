package dev.dlt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.report.MemoryReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's plumbing: a worker's figures line read back, ratios computed from the rows, failures named. */
class BenchTest {

    private static TrainerBench.Figures figures(String name, double tokensPerSec, long paramBytes) {
        return new TrainerBench.Figures(name, "1 thread", 16, 128, tokensPerSec, 2048 / tokensPerSec, 1e8, 1000,
                new MemoryReport(paramBytes, paramBytes, 2 * paramBytes, 0, 1 << 30));
    }

    @Test
    void aWorkersFiguresLineReadsBackEqual() throws Exception {
        TrainerBench.Figures f = figures("small conventional", 2000, 4000);
        String out = "some log line\n" + BenchWorker.PREFIX + BenchWorker.JSON.writeValueAsString(f) + "\n";
        assertEquals(f, Bench.parse("small conventional", out, 0));
    }

    @Test
    void aWorkerThatFailedIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Bench.parse("small all-shared", "Exception in thread main\n", 1));
        assertTrue(e.getMessage().contains("small all-shared") && e.getMessage().contains("exited with 1"),
                e.getMessage());
    }

    @Test
    void ratiosComeFromTheRows() {
        String table = Bench.render(400, List.of(figures("6x256 conventional", 3000, 100),
                figures("small conventional", 2000, 400), figures("small all-shared", 2400, 100),
                figures("small conventional, actors", 1900, 400)));
        assertTrue(table.contains("all-shared / conventional (small): tokens/s 1.200, training-state bytes "
                + "(params + grads + optimizer) 0.250"), table);
        assertTrue(table.contains("actors / local (small conventional): tokens/s 0.950"), table);
        assertTrue(table.contains("| n/a |"), "activations not measured are not shown as 0 B");
    }

    @Test
    void aCaseRoundTripsThroughItsArguments() {
        BenchCase c = new BenchCase("small conventional, actors, 1 micro-batch", 12, false, true, 1);
        assertEquals(c, BenchCase.parse(c.args(8192, 2, 10).toArray(String[]::new)));
    }
}
