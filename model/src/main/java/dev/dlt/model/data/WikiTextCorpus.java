package dev.dlt.model.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * WikiText-2 or WikiText-103 in the published layout: a folder with {@code wiki.train.tokens},
 * {@code wiki.valid.tokens}, {@code wiki.test.tokens} (or the raw variant {@code wiki.*.raw}). A document is
 * one article: it starts at a top-level heading line {@code " = Title = "} (sections {@code " = = … = = "} stay
 * inside it) and keeps every line as published. Streams one article at a time.
 */
public record WikiTextCorpus(Path dir, String variant) implements Corpus {

    private static final Pattern TITLE = Pattern.compile("^ = (?!= )(.*) = $");

    public WikiTextCorpus {
        if (!variant.equals("tokens") && !variant.equals("raw")) {
            throw new IllegalArgumentException("variant must be tokens or raw: " + variant);
        }
    }

    /** Reads {@code dir}, preferring {@code .tokens} when both variants are present. */
    public static WikiTextCorpus in(Path dir) {
        boolean tokens = Files.exists(dir.resolve("wiki.train.tokens")) || Files.exists(dir.resolve("wiki.test.tokens"));
        return new WikiTextCorpus(dir, tokens ? "tokens" : "raw");
    }

    /** True if {@code dir} holds any {@code wiki.<split>.tokens} or {@code .raw} file. */
    static boolean looksLike(Path dir) {
        for (Split s : Split.values()) {
            for (String v : List.of("tokens", "raw")) {
                if (Files.isRegularFile(dir.resolve("wiki." + s.label() + "." + v))) return true;
            }
        }
        return false;
    }

    public Path file(Split split) {
        return dir.resolve("wiki." + split.label() + "." + variant);
    }

    @Override
    public DataFormat format() {
        return DataFormat.WIKITEXT;
    }

    @Override
    public String identity(Split split) {
        return "wikitext/" + variant + "/" + split.label() + "/" + TextFiles.fingerprint(List.of(TextFiles.requireFile(file(split))));
    }

    @Override
    public Stream<Document> documents(Split split) {
        return Documents.byHeading(TextFiles.lines(file(split)), WikiTextCorpus::title);
    }

    @Override
    public Optional<Path> location() {
        return Optional.of(dir);
    }

    /** The article title of a heading line, or null. */
    static String title(String line) {
        Matcher m = TITLE.matcher(line);
        return m.matches() ? m.group(1) : null;
    }
}
