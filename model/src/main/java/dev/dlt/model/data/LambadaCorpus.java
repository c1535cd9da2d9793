package dev.dlt.model.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dlt.model.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * LAMBADA, an evaluation-only set: one passage per line in {@code lambada_test_plain_text.txt}, or one JSON
 * object with a {@code text} field per line in {@code lambada_test.jsonl}. Each passage is a document.
 * The test split is that file; the valid split is {@code lambada_development_plain_text.txt} (or
 * {@code lambada_development.jsonl}) when it lies beside it, otherwise the test file again — nothing trains
 * on LAMBADA, so valid only tracks progress. Asking for the train split is a user error.
 */
public record LambadaCorpus(Path testFile, Optional<Path> devFile) implements Corpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TEST_NAMES = List.of("lambada_test_plain_text.txt", "lambada_test.jsonl");
    static final List<String> DEV_NAMES = List.of("lambada_development_plain_text.txt", "lambada_development.jsonl");

    /** From a LAMBADA file, or a folder holding one of {@link #TEST_NAMES}; null if the folder holds none. */
    static LambadaCorpus at(Path path) {
        Path test = Files.isDirectory(path) ? firstExisting(path, TEST_NAMES) : path;
        if (test == null) return null;
        Path dir = test.toAbsolutePath().getParent();
        return new LambadaCorpus(test, Optional.ofNullable(firstExisting(dir, DEV_NAMES)));
    }

    private static Path firstExisting(Path dir, List<String> names) {
        return names.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    public Path file(Split split) {
        return switch (split) {
            case TRAIN -> throw new UserInputException("LAMBADA has no train split (" + testFile
                    + "): train on another corpus and evaluate on LAMBADA with dlt eval");
            case VALID -> devFile.orElse(testFile);
            case TEST -> testFile;
        };
    }

    @Override
    public DataFormat format() {
        return DataFormat.LAMBADA;
    }

    @Override
    public String identity(Split split) {
        return "lambada/" + split.label() + "/" + TextFiles.fingerprint(List.of(TextFiles.requireFile(file(split))));
    }

    @Override
    public Stream<Document> documents(Split split) {
        Path file = file(split);
        Stream<String> lines = TextFiles.lines(file).filter(l -> !l.isBlank());
        if (!file.getFileName().toString().endsWith(".jsonl")) {
            return lines.map(l -> new Document("", l));
        }
        return lines.map(l -> new Document("", jsonText(l, file)));
    }

    @Override
    public Optional<Path> location() {
        return Optional.of(testFile);
    }

    private static String jsonText(String line, Path file) {
        try {
            JsonNode text = JSON.readTree(line).get("text");
            if (text == null || !text.isTextual()) {
                throw new UserInputException("LAMBADA line without a \"text\" string in " + file);
            }
            return text.asText();
        } catch (JsonProcessingException e) {
            throw new UserInputException("corrupt JSON line in " + file + ": " + e.getOriginalMessage(), e);
        }
    }
}
