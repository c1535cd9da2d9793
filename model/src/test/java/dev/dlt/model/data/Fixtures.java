package dev.dlt.model.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the fixtures under src/test/resources/dev/dlt/model/data, and small helpers. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/dev/dlt/model/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a fixture folder into {@code dir} so a test may write beside it. */
    static Path copy(String name, Path dir) {
        Path from = path(name);
        Path to = dir.resolve(from.getFileName().toString());
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    static List<Document> docs(Corpus c, Split s) {
        try (Stream<Document> d = c.documents(s)) {
            return d.toList();
        }
    }

    static List<String> titles(Corpus c, Split s) {
        return docs(c, s).stream().map(Document::title).toList();
    }
}
