package dev.dlt.report;

import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A run's {@code --out} directory and the files in it. Safety rule: a run never overwrites the results of
 * an earlier run — {@link #prepare} refuses a directory that already holds {@code results.json} unless the
 * run resumes it, and {@code results.json} is replaced atomically, so a reader sees the old file or the new
 * one, never half of one.
 */
public final class RunDirectory {

    public static final String RESULTS = "results.json";
    public static final String STEPS = "steps.csv";
    public static final String TIES = "ties.csv";
    public static final String EVALS = "evals.csv";

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates {@code out} (and parents) for a new run, or opens it to resume one.
     *
     * @throws UserInputException if {@code out} holds results of an earlier run and {@code resume} is
     *     false, if {@code out} is a file, or if {@code resume} is set and {@code out} does not exist
     */
    public static RunDirectory prepare(Path out, boolean resume) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + " is a file, not a directory");
        }
        if (resume && !Files.isDirectory(out)) {
            throw new UserInputException("cannot resume: " + out + " does not exist");
        }
        if (!resume) {
            refuseExisting(out);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserInputException("cannot create " + out + ": " + Csv.oneLine(e));
        }
        return new RunDirectory(out);
    }

    /**
     * Fails if {@code out} already holds anything — results, logs or checkpoints of an earlier or crashed
     * run — so a new run never overwrites them. Creates nothing.
     */
    public static void refuseExisting(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + " is a file, not a directory");
        }
        if (Files.exists(out.resolve(RESULTS))) {
            throw new UserInputException("--out " + out + " already holds the results of an earlier run; "
                    + "choose another directory or resume it");
        }
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new UserInputException("--out " + out + " is not empty (logs of an earlier run?); "
                            + "choose another directory or resume it");
                }
            } catch (IOException e) {
                throw new UserInputException("cannot read " + out + ": " + Csv.oneLine(e));
            }
        }
    }

    /**
     * Drops the log rows an interrupted run wrote after its last checkpoint: steps from {@code step} on,
     * tie decisions from {@code tieStep} on, validation passes after {@code step}. Each file is rewritten
     * atomically; rows are matched on their first column, the step.
     */
    public void truncateLogs(long step, long tieStep) {
        keepRows(steps(), step);
        keepRows(ties(), tieStep);
        keepRows(evals(), step + 1);
    }

    private static void keepRows(Path file, long belowStep) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (i == 0 || line.isEmpty() || Long.parseLong(line.substring(0, line.indexOf(','))) < belowStep) {
                    if (!line.isEmpty()) {
                        kept.add(line);
                    }
                }
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, kept);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("cannot resume: log " + file + " is unreadable: " + Csv.oneLine(e));
        }
    }

    /** An existing run directory, for reading (compare, plot). */
    public static RunDirectory existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException("no run directory " + dir);
        }
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public Path results() {
        return dir.resolve(RESULTS);
    }

    public Path steps() {
        return dir.resolve(STEPS);
    }

    public Path ties() {
        return dir.resolve(TIES);
    }

    public Path evals() {
        return dir.resolve(EVALS);
    }

    /** The writer for the CSV logs; the caller closes it. */
    public RunLogWriter openLogs() {
        return new RunLogWriter(this);
    }

    public RunLogs readLogs() {
        return RunLogs.read(dir);
    }

    /** Writes {@code results.json}: temp file, fsync, rename over the old one. */
    public void writeResults(RunResult result) {
        Path tmp = dir.resolve(RESULTS + ".tmp");
        try {
            byte[] json = (Json.MAPPER.writeValueAsString(result) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(json));
                ch.force(true);
            }
            try {
                Files.move(tmp, results(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, results(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + results(), e);
        }
    }

    /** Reads {@code results.json} of this directory; see {@link #readResults(Path)}. */
    public RunResult readResults() {
        return readResults(results());
    }

    /**
     * Reads a {@code results.json}.
     *
     * @throws UserInputException naming the file if it is missing or malformed
     */
    public static RunResult readResults(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("missing " + file + " (not a finished dlt run?)");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), RunResult.class);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("malformed " + file + ": " + Csv.oneLine(e));
        }
    }
}
