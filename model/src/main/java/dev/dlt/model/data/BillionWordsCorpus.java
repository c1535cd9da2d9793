package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Billion Words (Chelba et al. 2013) in the published layout: under {@code root},
 * {@code training-monolingual.tokenized.shuffled/news.en-000NN-of-00100} (train: every shard present) and
 * {@code heldout-monolingual.tokenized.shuffled/news.en.heldout-000NN-of-00050}. Test is held-out shard
 * 00000, the benchmark's standard test set, so perplexities compare with published ones; valid is held-out
 * shard 00001. One sentence (line) is one document: the sentences are shuffled, so no context crosses a line.
 * Streams line by line (the training shards are ~4 GB); one shard is open at a time.
 */
public record BillionWordsCorpus(Path root) implements Corpus {

    static final String TRAIN_DIR = "training-monolingual.tokenized.shuffled";
    static final String HELDOUT_DIR = "heldout-monolingual.tokenized.shuffled";
    private static final Pattern TRAIN_SHARD = Pattern.compile("news\\.en-\\d{5}-of-00100");

    /** True if {@code dir} holds either of the two shard folders. */
    static boolean looksLike(Path dir) {
        return Files.isDirectory(dir.resolve(TRAIN_DIR)) || Files.isDirectory(dir.resolve(HELDOUT_DIR));
    }

    /** The shard files of {@code split}, in name order. */
    public List<Path> files(Split split) {
        return switch (split) {
            case TRAIN -> trainShards();
            case VALID -> List.of(heldout(1));
            case TEST -> List.of(heldout(0));
        };
    }

    private Path heldout(int shard) {
        return root.resolve(HELDOUT_DIR).resolve(String.format("news.en.heldout-%05d-of-00050", shard));
    }

    private List<Path> trainShards() {
        Path dir = root.resolve(TRAIN_DIR);
        if (!Files.isDirectory(dir)) throw new UserInputException("One Billion Words train folder not found: " + dir);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> shards = files.filter(p -> TRAIN_SHARD.matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
            if (shards.isEmpty()) throw new UserInputException("no news.en-*-of-00100 shards in " + dir);
            return shards;
        } catch (IOException e) {
            throw new UserInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public DataFormat format() {
        return DataFormat.BILLION_WORDS;
    }

    @Override
    public String identity(Split split) {
        List<Path> files = files(split);
        files.forEach(TextFiles::requireFile);
        return "1bw/" + split.label() + "/" + TextFiles.fingerprint(files);
    }

    @Override
    public Stream<Document> documents(Split split) {
        List<Path> files = files(split);
        files.forEach(TextFiles::requireFile);
        return Documents.byLine(TextFiles.lines(files), "");
    }

    @Override
    public Optional<Path> location() {
        return Optional.of(root);
    }
}
