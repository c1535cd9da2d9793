package dev.dlt.model.checkpoint;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.UserInputException;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.optim.AdamW;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of one run: {@code <runDir>/checkpoints/step-000123/} directories and a {@code latest}
 * file naming the newest complete one.
 *
 * <p>A save writes into a hidden temporary directory, fsyncs every file, renames the directory into place,
 * then replaces {@code latest} atomically and prunes to the newest {@code keepLast}. A crash or error at any
 * point leaves the previous checkpoint and {@code latest} intact. One writer per run directory; not
 * thread-safe.
 */
public final class CheckpointStore {

    public static final String DIR = "checkpoints";
    public static final String LATEST = "latest";
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d+)");
    private static final String TMP_PREFIX = ".tmp-";

    private final Path dir;
    private final int keepLast;

    /** @param keepLast how many checkpoints to keep, at least 1 */
    public CheckpointStore(Path runDir, int keepLast) {
        if (keepLast < 1) {
            throw new UserInputException("--keep-checkpoints must be at least 1, got " + keepLast);
        }
        this.dir = runDir.resolve(DIR);
        this.keepLast = keepLast;
    }

    /** The name of the directory of a step: {@code step-000123}. */
    public static String stepName(long step) {
        return String.format("step-%06d", step);
    }

    /** Saves a checkpoint of {@code training.step()}; returns its directory. */
    public Path save(Gpt model, AdamW optimizer, TrainingState training) {
        try {
            Files.createDirectories(dir);
            removeLeftovers();
            Path target = dir.resolve(stepName(training.step()));
            Path tmp = dir.resolve(TMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
            try {
                Files.createDirectory(tmp);
                Checkpoint.write(tmp, model, optimizer, training);
                AtomicFiles.fsyncDirectory(tmp);
                replaceDirectory(tmp, target);
            } finally {
                AtomicFiles.deleteTree(tmp);
            }
            AtomicFiles.write(dir.resolve(LATEST), (target.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            prune(target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Re-saving a step replaces its directory: move the old one aside, rename the new one, drop the old. */
    private void replaceDirectory(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = dir.resolve(TMP_PREFIX + "old-" + target.getFileName() + "-" + UUID.randomUUID());
            Files.move(target, old);
        }
        AtomicFiles.move(tmp, target);
        AtomicFiles.fsyncDirectory(dir);
        if (old != null) {
            AtomicFiles.deleteTree(old);
        }
    }

    /** Temporaries of a save that crashed: never a valid checkpoint, safe to drop. */
    private void removeLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)).toList()) {
                AtomicFiles.deleteTree(p);
            }
        }
    }

    private void prune(Path keep) {
        List<Path> all = list();
        int excess = all.size() - keepLast;
        for (int i = 0; i < all.size() && excess > 0; i++) {
            if (!all.get(i).equals(keep)) {
                AtomicFiles.deleteTree(all.get(i));
                excess--;
            }
        }
    }

    /** Complete-looking checkpoint directories, oldest step first (hidden temporaries excluded). */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> stepOf(p) >= 0 && Files.isDirectory(p)).toList());
            out.sort(Comparator.comparingLong(CheckpointStore::stepOf));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The directory {@code latest} names, or the highest step directory if {@code latest} is absent. */
    public Optional<Path> latestPath() {
        Path pointer = dir.resolve(LATEST);
        if (Files.isRegularFile(pointer)) {
            try {
                String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
                if (!STEP_DIR.matcher(name).matches()) {
                    throw new UserInputException("corrupt checkpoint pointer " + pointer + ": '" + name
                            + "' is not a step directory name");
                }
                return Optional.of(dir.resolve(name));
            } catch (IOException e) {
                throw new UserInputException("cannot read " + pointer + ": " + e.getMessage());
            }
        }
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Loads the latest checkpoint, if there is one. */
    public Optional<Checkpoint> latest(NDManager manager) {
        return latestPath().map(p -> Checkpoint.read(p, manager));
    }

    /**
     * What {@code --resume PATH} names: a checkpoint directory itself, a run directory (its latest
     * checkpoint) or a {@code checkpoints} directory.
     */
    public static Path resolve(Path path) {
        if (Files.isRegularFile(path.resolve(Checkpoint.STATE)) || Files.isRegularFile(path.resolve(Checksums.FILE))) {
            return path;
        }
        Path run = Files.isRegularFile(path.resolve(LATEST)) && !Files.isDirectory(path.resolve(DIR))
                ? path.toAbsolutePath().getParent() : path;
        return new CheckpointStore(run, 1).latestPath().orElseThrow(() -> new UserInputException(
                "no checkpoint in " + path + ": expected a step-N directory or a run directory with checkpoints/"));
    }

    /** Loads the checkpoint {@code path} names (see {@link #resolve}). */
    public static Checkpoint load(Path path, NDManager manager) {
        return Checkpoint.read(resolve(path), manager);
    }

    private static long stepOf(Path p) {
        Matcher m = STEP_DIR.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    public Path directory() {
        return dir;
    }
}
