package dev.dlt.model.tokenizer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Publishing a freshly written cache directory so readers never see a half-written one. */
final class CacheDirs {

    private CacheDirs() {
    }

    /**
     * Moves {@code fresh} to {@code target} in one rename, replacing a stale {@code target}. If another
     * process published the same target meanwhile, its copy wins and {@code fresh} is deleted.
     */
    static void replace(Path fresh, Path target) throws IOException {
        if (Files.exists(target)) {
            deleteTree(target);
        }
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            deleteTree(fresh);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
