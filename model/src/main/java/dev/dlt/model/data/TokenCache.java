package dev.dlt.model.data;

import dev.dlt.model.UserInputException;
import dev.dlt.model.tokenizer.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Tokenizes each split once into a {@link TokenFile} and reuses it (nanoGPT's {@code train.bin}). The file
 * name is {@code <format>-<split>-<tokenizer>-<hash>.tok}, the hash covering the corpus identity (paths,
 * sizes, modification times), the tokenizer's name, vocabulary size, end-of-text id and the ids it gives a
 * probe text — so a changed file or tokenizer gets a new file. Documents are separated by the end-of-text id
 * (one after every document). A corrupt or truncated file is logged and rebuilt. Safe for concurrent
 * processes: each builds into its own temporary file and the rename is atomic.
 */
public final class TokenCache {

    private static final Logger log = LoggerFactory.getLogger(TokenCache.class);
    private static final String PROBE = "The quick brown fox — 1790, \"naïve\" café; <|endoftext|>\n\tend.";

    /** Big corpora take minutes to tokenize: say so now and then rather than appear hung. */
    private static final long REPORT_EVERY_NANOS = 30_000_000_000L;

    private final Path dir;

    public TokenCache(Path dir) {
        this.dir = dir;
    }

    /** {@code ~/.cache/dlt/data}. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "dlt", "data");
    }

    /** {@code .dlt-cache} beside the user's data when that folder is writable, else {@link #defaultDir()}. */
    public static Path dirFor(Corpus corpus) {
        return corpus.location()
                .map(p -> Files.isDirectory(p) ? p : p.toAbsolutePath().getParent())
                .filter(Files::isWritable)
                .map(p -> p.resolve(".dlt-cache"))
                .orElse(defaultDir());
    }

    public Path dir() {
        return dir;
    }

    /** The tokens of {@code split}, built on first use. Throws UserInputException if the split has no tokens. */
    public TokenFile tokens(Corpus corpus, Split split, Tokenizer tokenizer) {
        Path file = pathFor(corpus, split, tokenizer);
        if (Files.exists(file)) {
            try {
                return TokenFile.open(file);
            } catch (UserInputException corrupt) {
                log.warn("{}; rebuilding", corrupt.getMessage());
            }
        }
        build(corpus, split, tokenizer, file);
        return TokenFile.open(file);
    }

    /** Where {@link #tokens} keeps {@code split} of {@code corpus} for {@code tokenizer}. */
    public Path pathFor(Corpus corpus, Split split, Tokenizer tokenizer) {
        String key = String.join("\n", corpus.identity(split), tokenizer.name(),
                Integer.toString(tokenizer.vocabSize()), Integer.toString(tokenizer.endOfText()),
                java.util.Arrays.toString(tokenizer.encode(PROBE)), "v" + TokenFileHeader.VERSION);
        String name = corpus.format().label() + "-" + split.label() + "-" + safe(tokenizer.name()) + "-" + sha(key);
        return dir.resolve(name + ".tok");
    }

    private void build(Corpus corpus, Split split, Tokenizer tokenizer, Path file) {
        long started = System.nanoTime();
        long nextReport = started + REPORT_EVERY_NANOS;
        int[] eot = {tokenizer.endOfText()};
        long docs = 0;
        try (Stream<Document> stream = corpus.documents(split);
             TokenFileWriter out = new TokenFileWriter(file, tokenizer.vocabSize(), tokenizer.endOfText())) {
            for (Iterator<Document> it = stream.iterator(); it.hasNext(); docs++) {
                out.write(tokenizer.encode(it.next().text()));
                out.write(eot);
                if (System.nanoTime() > nextReport) {
                    log.info("tokenizing {} {}: {} documents, {} tokens so far", corpus.describe(), split.label(),
                            docs + 1, out.count());
                    nextReport += REPORT_EVERY_NANOS;
                }
            }
            if (out.count() == docs) {
                throw new UserInputException("split " + split.label() + " of " + corpus.describe() + " has no tokens");
            }
            out.commit();
            log.info("tokenized {} {}: {} documents, {} tokens in {} ms -> {}", corpus.describe(), split.label(),
                    docs, out.count(), (System.nanoTime() - started) / 1_000_000, file);
        } catch (IOException e) {
            throw new UserInputException("cannot write token cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static String safe(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "_");
    }

    private static String sha(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
