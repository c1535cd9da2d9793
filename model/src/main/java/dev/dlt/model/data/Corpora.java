package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the corpus a {@code --data} value names: {@code sotu} (the embedded default) or a path, whose format
 * is detected from its layout unless {@code --format} says otherwise. Detection, in order: a folder with
 * {@code wiki.*.tokens|raw} → WikiText; a LAMBADA file or a folder holding one → LAMBADA; a One Billion Words
 * root (or one of its two shard folders) → 1BW; anything else → plain text.
 */
public final class Corpora {

    /** The value of {@code --data} that selects the embedded corpus. */
    public static final String DEFAULT = "sotu";

    private Corpora() {
    }

    /** Opens {@code data}, detecting the format. */
    public static Corpus open(String data) {
        return open(data, null);
    }

    /**
     * Opens {@code data} as {@code format} ({@link DataFormat} label), or detects it when format is null or
     * blank. Throws UserInputException for a missing path or an unknown format.
     */
    public static Corpus open(String data, String format) {
        DataFormat forced = format == null || format.isBlank() ? null : DataFormat.parse(format);
        if (data == null || data.isBlank() || data.trim().equalsIgnoreCase(DEFAULT)) {
            if (forced != null && forced != DataFormat.SOTU) {
                throw new UserInputException("--format " + format + " needs a path in --data, not '" + data + "'");
            }
            return new SotuCorpus();
        }
        Path path = Path.of(data.trim());
        if (!Files.exists(path)) throw new UserInputException("data path not found: " + path);
        DataFormat f = forced != null ? forced : detect(path);
        return switch (f) {
            case SOTU -> throw new UserInputException("--format sotu is the embedded corpus; use --data sotu, not " + path);
            case WIKITEXT -> WikiTextCorpus.in(Files.isDirectory(path) ? path : path.toAbsolutePath().getParent());
            case LAMBADA -> lambada(path);
            case BILLION_WORDS -> new BillionWordsCorpus(billionWordsRoot(path));
            case TEXT -> new PlainTextCorpus(path);
        };
    }

    /** The format {@code path}'s layout suggests (see the class comment). */
    public static DataFormat detect(Path path) {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (WikiTextCorpus.looksLike(dir) && (Files.isDirectory(path) || name.startsWith("wiki."))) {
            return DataFormat.WIKITEXT;
        }
        if (Files.isDirectory(path) ? LambadaCorpus.at(path) != null
                : name.startsWith("lambada") && (name.endsWith(".txt") || name.endsWith(".jsonl"))) {
            return DataFormat.LAMBADA;
        }
        if (Files.isDirectory(path) && (BillionWordsCorpus.looksLike(path) || isShardFolder(path))) {
            return DataFormat.BILLION_WORDS;
        }
        return DataFormat.TEXT;
    }

    private static LambadaCorpus lambada(Path path) {
        LambadaCorpus c = LambadaCorpus.at(path);
        if (c == null) {
            throw new UserInputException("no " + String.join(" or ", LambadaCorpus.TEST_NAMES) + " in " + path);
        }
        return c;
    }

    private static boolean isShardFolder(Path dir) {
        String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return n.equals(BillionWordsCorpus.TRAIN_DIR) || n.equals(BillionWordsCorpus.HELDOUT_DIR);
    }

    private static Path billionWordsRoot(Path path) {
        Path root = isShardFolder(path) ? path.toAbsolutePath().getParent() : path;
        if (!BillionWordsCorpus.looksLike(root)) {
            throw new UserInputException("no " + BillionWordsCorpus.TRAIN_DIR + " or " + BillionWordsCorpus.HELDOUT_DIR
                    + " folder in " + root);
        }
        return root;
    }
}
