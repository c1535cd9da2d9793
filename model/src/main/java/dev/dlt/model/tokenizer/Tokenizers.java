package dev.dlt.model.tokenizer;

import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@code --tokenizer} value into a {@link Tokenizer}: {@code gpt2}, {@code bytes}, {@code bpe-N}
 * (byte-level BPE with N ids trained on the training text, cached on disk), or a directory holding
 * {@code encoder.json} and {@code vocab.bpe}. Bad values raise {@link UserInputException}.
 */
public final class Tokenizers {

    /** Bumped whenever {@link BpeTrainer} would produce a different vocabulary, so old caches are not reused. */
    static final String TRAINER_VERSION = "bpe-trainer-1";
    private static final Pattern BPE = Pattern.compile("bpe-(.*)");
    private static final String FORMS = "gpt2, bytes, bpe-N (N in " + BpeTrainer.MIN_VOCAB + ".." + BpeTrainer.MAX_VOCAB
            + ") or a directory holding encoder.json and vocab.bpe";

    /** How {@code bpe-N} trains; a seam so tests can count training runs. */
    interface Trainer {
        ByteLevelBpe trainAndSave(String text, int vocabSize, Path dir) throws IOException;
    }

    private Tokenizers() {
    }

    /**
     * @param spec         the {@code --tokenizer} value
     * @param trainingText the training split's text; called only for {@code bpe-N}
     * @param cacheDir     where {@code bpe-N} vocabularies are kept, one subdirectory per (text, N)
     */
    public static Tokenizer resolve(String spec, Supplier<String> trainingText, Path cacheDir) {
        return resolve(spec, trainingText, cacheDir, BpeTrainer::trainAndSave);
    }

    static Tokenizer resolve(String spec, Supplier<String> trainingText, Path cacheDir, Trainer trainer) {
        if (spec == null || spec.isBlank()) {
            throw new UserInputException("--tokenizer is empty: use " + FORMS);
        }
        Matcher bpe = BPE.matcher(spec);
        if (spec.equals("gpt2")) {
            return ByteLevelBpe.gpt2();
        } else if (spec.equals("bytes")) {
            return ByteTokenizer.instance();
        } else if (bpe.matches() && !Files.isDirectory(Path.of(spec))) {
            return trainedOrCached(vocabSize(spec, bpe.group(1)), trainingText, cacheDir, trainer);
        }
        Path dir = Path.of(spec);
        if (!Files.isDirectory(dir)) {
            throw new UserInputException("--tokenizer " + spec + ": not " + FORMS);
        }
        return ByteLevelBpe.load(dir);
    }

    private static int vocabSize(String spec, String digits) {
        if (!digits.matches("[0-9]{1,7}")
                || Integer.parseInt(digits) < BpeTrainer.MIN_VOCAB || Integer.parseInt(digits) > BpeTrainer.MAX_VOCAB) {
            throw new UserInputException("--tokenizer " + spec + ": N must be a whole number in "
                    + BpeTrainer.MIN_VOCAB + ".." + BpeTrainer.MAX_VOCAB);
        }
        return Integer.parseInt(digits);
    }

    private static ByteLevelBpe trainedOrCached(int n, Supplier<String> trainingText, Path cacheDir, Trainer trainer) {
        String text = trainingText.get();
        String name = "bpe-" + n;
        Path dir = cacheDir.resolve(name + "-" + key(text, n));
        if (Files.isRegularFile(dir.resolve(Gpt2Files.ENCODER)) && Files.isRegularFile(dir.resolve(Gpt2Files.MERGES))) {
            try {
                return ByteLevelBpe.load(dir, name);
            } catch (UserInputException corrupt) {
                // a damaged cache entry is ours to repair, not the user's problem: train again below
            }
        }
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempDirectory(cacheDir, ".training-");
            ByteLevelBpe trained = trainer.trainAndSave(text, n, tmp);
            CacheDirs.replace(tmp, dir);
            return trained;
        } catch (IOException e) {
            throw new UserInputException("cannot write the tokenizer cache in " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    /** 16 hex digits of SHA-256 over trainer version, N and the text. */
    static String key(String text, int n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((TRAINER_VERSION + "\n" + n + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
