package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Any UTF-8 text: a single file, whose documents are its paragraphs (separated by blank lines), or a folder,
 * whose documents are its non-empty {@code .txt} files (searched recursively, in path order). The split is fixed and
 * interleaved by document position k: k mod 20 = 18 → valid, 19 → test, otherwise train (90/5/5), so
 * valid and test are non-empty only from 20 documents on.
 */
public record PlainTextCorpus(Path path) implements Corpus {

    public static final int CYCLE = 20;

    static Split splitOf(long position) {
        long r = position % CYCLE;
        return r == CYCLE - 2 ? Split.VALID : r == CYCLE - 1 ? Split.TEST : Split.TRAIN;
    }

    /** The files read: the file itself, or the folder's .txt files. */
    public List<Path> files() {
        if (!Files.isDirectory(path)) return List.of(TextFiles.requireFile(path));
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> txt = walk.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .filter(Files::isRegularFile).filter(p -> TextFiles.size(p) > 0).sorted().toList();
            if (txt.isEmpty()) throw new UserInputException("no non-empty .txt files in folder " + path);
            return txt;
        } catch (IOException e) {
            throw new UserInputException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public DataFormat format() {
        return DataFormat.TEXT;
    }

    @Override
    public String identity(Split split) {
        return "text/" + split.label() + "/" + TextFiles.fingerprint(files());
    }

    @Override
    public Stream<Document> documents(Split split) {
        List<Path> files = files();
        Stream<Document> all = Files.isDirectory(path)
                ? files.stream().map(PlainTextCorpus::wholeFile)
                : Documents.byBlankLine(TextFiles.lines(files.get(0)), path.getFileName().toString());
        return Documents.byPosition(all, k -> splitOf(k) == split);
    }

    @Override
    public Optional<Path> location() {
        return Optional.of(path);
    }

    private static Document wholeFile(Path file) {
        try (Stream<String> lines = TextFiles.lines(file)) {
            StringBuilder sb = new StringBuilder();
            lines.forEach(l -> sb.append(l).append('\n'));
            return new Document(file.getFileName().toString(), sb.toString());
        }
    }
}
