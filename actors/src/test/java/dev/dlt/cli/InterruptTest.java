package dev.dlt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (here SIGTERM, which runs the same JVM shutdown hooks) during {@code dlt train} in a real child
 * JVM: the run pauses at the next step boundary, saves a checkpoint of exactly the steps it logged, exits
 * with the signal's status, and {@code --resume} continues from there on the run's own runtime.
 */
class InterruptTest {

    @TempDir
    Path tmp;

    @Test
    void aSignalPausesAtAStepBoundaryWithACheckpointThatResumes() throws Exception {
        Path out = tmp.resolve("run");
        Process p = childDlt("train", "--preset", "tiny", "--steps", "100000", "--runtime", "actors",
                "--out", out.toString());
        Path steps = out.resolve("steps.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (loggedSteps(steps) < 20) {
            assertTrue(p.isAlive(), "the run ended before it was interrupted: " + errorsOf(p));
            assertTrue(System.nanoTime() < deadline, "no progress in 240 s");
            Thread.sleep(100);
        }
        p.destroy(); // SIGTERM: the shutdown hooks run as for Ctrl-C
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not stop within 120 s of the signal");
        String err = errorsOf(p);
        assertEquals(143, p.exitValue(), err);
        assertTrue(err.contains("[dlt] interrupted: finishing the step and saving a checkpoint"), err);
        long logged = loggedSteps(steps);
        assertTrue(logged >= 20 && logged < 100000, "steps logged: " + logged);
        assertTrue(Files.isDirectory(out.resolve("checkpoints").resolve(String.format("step-%06d", logged))),
                "a checkpoint of exactly the " + logged + " logged steps");
        assertTrue(Files.notExists(out.resolve("results.json")), "a paused run writes no results");

        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"train", "--resume", out.toString(),
                "--stop-after", Long.toString(logged + 3)}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
        assertEquals(logged + 3, loggedSteps(steps), "the resumed run continued from the checkpoint");
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("starting the actor runtime"),
                "--resume keeps the runtime the run was started with");
    }

    private static long loggedSteps(Path steps) throws IOException {
        if (!Files.exists(steps)) {
            return 0;
        }
        try (var lines = Files.lines(steps)) {
            return Math.max(0, lines.count() - 1);
        }
    }

    private Process childDlt(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx1g");
        for (String key : new String[] {"ai.djl.offline", "OPT_OUT_TRACKING", "DJL_CACHE_DIR", "ai.djl.default_engine"}) {
            String v = System.getProperty(key);
            if (v != null) {
                cmd.add("-D" + key + "=" + v);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(tmp.resolve("child.out").toFile())
                .redirectError(tmp.resolve("child.err").toFile()).start();
    }

    private String errorsOf(Process p) throws IOException {
        return Files.readString(tmp.resolve("child.err"));
    }
}
