package dev.dlt.model.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A text corpus with a fixed train/valid/test split. Documents are streamed lazily, so a corpus may be far
 * larger than memory (One Billion Words is 4 GB): close every stream from {@link #documents} (use
 * try-with-resources), since file-backed streams hold an open file.
 */
public sealed interface Corpus
        permits SotuCorpus, WikiTextCorpus, LambadaCorpus, BillionWordsCorpus, PlainTextCorpus {

    /** The format this corpus was read as. */
    DataFormat format();

    /**
     * A stable identity of the content of {@code split}: format, canonical path and size/modification time
     * of the files it reads. Two calls agree unless the files changed; used to key the token cache.
     */
    String identity(Split split);

    /** The documents of {@code split} in a fixed order. Throws UserInputException if the split does not exist. */
    Stream<Document> documents(Split split);

    /** Where the data lives on disk, if anywhere (the embedded corpus has none). */
    Optional<Path> location();

    /** A one-line description for logs, e.g. {@code wikitext /data/wikitext-2}. */
    default String describe() {
        return format().label() + location().map(p -> " " + p).orElse("");
    }
}
