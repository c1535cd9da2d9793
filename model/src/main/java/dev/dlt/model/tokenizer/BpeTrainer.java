package dev.dlt.model.tokenizer;

import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a byte-level BPE vocabulary the way GPT-2's was made: the same byte alphabet and pre-tokenization,
 * ids 0..255 for the bytes (id = byte value), then one id per merge, then {@code <|endoftext|>} as the last
 * id. Words are counted once; each merge then touches only the words that hold its pair ({@link PairCounts}).
 * The most frequent pair wins; ties go to the smaller (left id, right id), so the same text and size always
 * give the same vocabulary. Stateless; the result is written in GPT-2 layout so {@link ByteLevelBpe} loads it.
 */
public final class BpeTrainer {

    /** 256 bytes and the end-of-text token: the smallest byte-level vocabulary. */
    public static final int MIN_VOCAB = 257;
    /** Larger than any vocabulary in use (GPT-2 50257, Llama 3 128256) — beyond it is a typo. */
    public static final int MAX_VOCAB = 1 << 18;

    private BpeTrainer() {
    }

    /** A tokenizer with exactly {@code vocabSize} ids trained on {@code text}, named {@code bpe-<vocabSize>}. */
    public static ByteLevelBpe train(String text, int vocabSize) {
        return ByteLevelBpe.of("bpe-" + vocabSize, layout(text, vocabSize));
    }

    /** Trains as {@link #train} and writes {@code encoder.json} and {@code vocab.bpe} into {@code dir}. */
    public static ByteLevelBpe trainAndSave(String text, int vocabSize, Path dir) throws IOException {
        ByteLevelBpe bpe = train(text, vocabSize);
        bpe.save(dir);
        return bpe;
    }

    static Gpt2Layout layout(String text, int vocabSize) {
        if (vocabSize < MIN_VOCAB || vocabSize > MAX_VOCAB) {
            throw new UserInputException("BPE vocabulary size " + vocabSize + " is outside " + MIN_VOCAB + ".." + MAX_VOCAB);
        }
        PairCounts counts = new PairCounts(countWords(text));
        List<byte[]> tokens = new ArrayList<>();
        Map<String, Integer> encoder = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(new byte[] {(byte) b});
            encoder.put(ByteUnicode.encode(tokens.get(b)), b);
        }
        List<Gpt2Layout.Merge> merges = new ArrayList<>();
        while (encoder.size() < vocabSize - 1) {
            long pair = counts.mostFrequent();
            if (pair < 0) {
                throw new UserInputException("the training text supports only " + (encoder.size() + 1)
                        + " BPE tokens, fewer than the " + vocabSize + " asked for: use more text or a smaller bpe-N");
            }
            int a = PairCounts.left(pair);
            int b = PairCounts.right(pair);
            String merged = ByteUnicode.encode(concat(tokens.get(a), tokens.get(b)));
            Integer id = encoder.get(merged);
            if (id == null) { // the same bytes can rarely arise from two different pairs: reuse the id
                id = tokens.size();
                tokens.add(concat(tokens.get(a), tokens.get(b)));
                encoder.put(merged, id);
            }
            merges.add(new Gpt2Layout.Merge(ByteUnicode.encode(tokens.get(a)), ByteUnicode.encode(tokens.get(b))));
            counts.merge(pair, id);
        }
        encoder.put(ByteLevelBpe.END_OF_TEXT, tokens.size());
        return new Gpt2Layout(encoder, merges);
    }

    /** Distinct pre-tokens of {@code text} as byte sequences, with how often each occurs. */
    private static Map<String, int[]> countWords(String text) {
        Map<String, int[]> counts = new HashMap<>();
        PreTokenizer.forEachWord(text, w -> counts.computeIfAbsent(w, k -> new int[1])[0]++);
        return counts;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] ab = new byte[a.length + b.length];
        System.arraycopy(a, 0, ab, 0, a.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        return ab;
    }
}
