package dev.dlt.model.tokenizer;

import dev.dlt.model.UserInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * GPT-2's byte-level BPE: text → UTF-8 bytes, split into words by GPT-2's regex ({@link PreTokenizer}),
 * each word merged by rank as in GPT-2's {@code encoder.py}. Reproduces GPT-2's ids exactly with its
 * vocabulary ({@link #gpt2()}). {@code <|endoftext|>} in the input text is encoded as ordinary text, as
 * GPT-2's own encoder does; callers insert {@link #endOfText()} between documents themselves.
 * Immutable and thread-safe; a bounded per-word cache makes repeated words cost one map lookup.
 * Plain heap objects only: no native memory, nothing to close.
 */
public final class ByteLevelBpe implements Tokenizer {

    public static final String END_OF_TEXT = "<|endoftext|>";
    private static final String GPT2_DIR = "/dev/dlt/model/tokenizer/gpt2/";
    private static final int CACHE_WORDS = 200_000;
    /** Longer pre-tokens (base64 blobs, long runs of one character) are rare: caching them would only pin memory. */
    private static final int CACHE_MAX_CHARS = 64;
    private static volatile ByteLevelBpe gpt2;

    private final String name;
    private final Gpt2Layout layout;
    private final byte[][] tokenBytes;
    private final int[] byteIds = new int[256];
    private final PairRanks ranks;
    private final int endOfText;
    private final WordCache cache = new WordCache(CACHE_WORDS);

    private ByteLevelBpe(String name, Gpt2Layout layout, String where) {
        this.name = name;
        this.layout = layout;
        this.tokenBytes = tokensById(layout.encoder(), where);
        Integer eot = layout.encoder().get(END_OF_TEXT);
        if (eot == null) {
            throw new UserInputException(where + " has no " + END_OF_TEXT + " token");
        }
        this.endOfText = eot;
        for (int b = 0; b < 256; b++) {
            Integer id = layout.encoder().get(String.valueOf(ByteUnicode.toChar(b)));
            if (id == null) {
                throw new UserInputException(where + " lacks the token for byte " + b + ": not a byte-level vocabulary");
            }
            byteIds[b] = id;
        }
        this.ranks = mergeTable(layout, where);
    }

    /** GPT-2's own vocabulary (50257 ids), shipped with dlt; loaded once per JVM. */
    public static ByteLevelBpe gpt2() {
        ByteLevelBpe t = gpt2;
        if (t == null) {
            synchronized (ByteLevelBpe.class) {
                t = gpt2;
                if (t == null) {
                    gpt2 = t = new ByteLevelBpe("gpt2", readGpt2Resources(), "classpath " + GPT2_DIR);
                }
            }
        }
        return t;
    }

    /** Loads {@code encoder.json} and {@code vocab.bpe} from {@code dir}; the name becomes the directory. */
    public static ByteLevelBpe load(Path dir) {
        return load(dir, dir.toAbsolutePath().normalize().toString());
    }

    /** As {@link #load(Path)}, recording {@code name} as the tokenizer's name. */
    public static ByteLevelBpe load(Path dir, String name) {
        return new ByteLevelBpe(name, Gpt2Files.read(dir), dir.toString());
    }

    /** Loads from two streams in GPT-2 layout; reads them fully and does not close them. */
    public static ByteLevelBpe read(String name, InputStream encoderJson, InputStream vocabBpe) {
        return of(name, Gpt2Files.read(encoderJson, "encoder.json", vocabBpe, "vocab.bpe"));
    }

    static ByteLevelBpe of(String name, Gpt2Layout layout) {
        return new ByteLevelBpe(name, layout, name);
    }

    @Override
    public int[] encode(String text) {
        IntBuffer out = new IntBuffer(Math.max(16, text.length() / 3));
        PreTokenizer.forEachWord(text, word ->
                out.addAll(word.length() > CACHE_MAX_CHARS ? encodeWord(word) : cache.get(word, this::encodeWord)));
        return out.toArray();
    }

    /** As {@link #encode} without the cache: a reference for tests of the cache. */
    int[] encodeWordsUncached(String text) {
        IntBuffer out = new IntBuffer(16);
        PreTokenizer.forEachWord(text, word -> out.addAll(encodeWord(word)));
        return out.toArray();
    }

    /** GPT-2's {@code bpe()} on one pre-token: merge the lowest-ranked adjacent pair everywhere, repeat. */
    int[] encodeWord(String word) {
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        int[] sym = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            sym[i] = byteIds[bytes[i] & 0xFF];
        }
        int n = sym.length;
        while (n > 1) {
            int best = Integer.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < n; i++) {
                int r = ranks.rank(sym[i], sym[i + 1]);
                if (r < best) {
                    best = r;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            n = mergeAll(sym, n, sym[at], sym[at + 1], ranks.mergedId(best));
        }
        return n == sym.length ? sym : Arrays.copyOf(sym, n);
    }

    /** Left-to-right, non-overlapping replacement of (a, b) by {@code merged}, in place; returns the new length. */
    private static int mergeAll(int[] sym, int n, int a, int b, int merged) {
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && sym[i] == a && sym[i + 1] == b) {
                sym[j++] = merged;
                i++;
            } else {
                sym[j++] = sym[i];
            }
        }
        return j;
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            if (id < 0 || id >= tokenBytes.length || tokenBytes[id] == null) {
                throw new IllegalArgumentException("token id " + id + " is not in " + name + " (vocabulary " + vocabSize() + ")");
            }
            bytes.writeBytes(tokenBytes[id]);
        }
        return bytes.toString(StandardCharsets.UTF_8); // malformed UTF-8 becomes U+FFFD, like errors='replace'
    }

    /** Writes {@code encoder.json} and {@code vocab.bpe} into {@code dir} (created if missing); {@link #load} reads them. */
    public void save(Path dir) throws IOException {
        Gpt2Files.write(layout, dir);
    }

    @Override
    public int vocabSize() {
        return tokenBytes.length;
    }

    @Override
    public int endOfText() {
        return endOfText;
    }

    @Override
    public String name() {
        return name;
    }

    private static byte[][] tokensById(Map<String, Integer> encoder, String where) {
        int max = -1;
        for (Map.Entry<String, Integer> e : encoder.entrySet()) {
            Integer id = e.getValue();
            if (id == null || id < 0 || id >= 10_000_000) {
                throw new UserInputException(where + ": token '" + e.getKey() + "' has invalid id " + id);
            }
            max = Math.max(max, id);
        }
        byte[][] bytes = new byte[max + 1][];
        for (Map.Entry<String, Integer> e : encoder.entrySet()) {
            byte[] b = e.getKey().equals(END_OF_TEXT)
                    ? END_OF_TEXT.getBytes(StandardCharsets.UTF_8) : ByteUnicode.decode(e.getKey());
            if (b == null || b.length == 0) {
                throw new UserInputException(where + ": token '" + e.getKey() + "' is not in GPT-2's byte alphabet");
            }
            if (bytes[e.getValue()] != null) {
                throw new UserInputException(where + ": id " + e.getValue() + " is given to two tokens");
            }
            bytes[e.getValue()] = b;
        }
        for (int id = 0; id <= max; id++) {
            if (bytes[id] == null) {
                throw new UserInputException(where + ": ids must be 0.." + max + " without gaps; " + id + " is missing");
            }
        }
        return bytes;
    }

    private static PairRanks mergeTable(Gpt2Layout layout, String where) {
        List<Gpt2Layout.Merge> merges = layout.merges();
        int[] left = new int[merges.size()];
        int[] right = new int[merges.size()];
        int[] merged = new int[merges.size()];
        Map<String, Integer> enc = layout.encoder();
        for (int r = 0; r < merges.size(); r++) {
            Gpt2Layout.Merge m = merges.get(r);
            Integer a = enc.get(m.left());
            Integer b = enc.get(m.right());
            Integer ab = enc.get(m.left() + m.right());
            if (a == null || b == null || ab == null) {
                throw new UserInputException(where + ": merge " + (r + 1) + " '" + m.left() + " " + m.right()
                        + "' uses a token missing from encoder.json");
            }
            left[r] = a;
            right[r] = b;
            merged[r] = ab;
        }
        return new PairRanks(left, right, merged);
    }

    private static Gpt2Layout readGpt2Resources() {
        try (InputStream e = new GZIPInputStream(resource("encoder.json.gz"));
             InputStream m = new GZIPInputStream(resource("vocab.bpe.gz"))) {
            return Gpt2Files.read(e, GPT2_DIR + "encoder.json.gz", m, GPT2_DIR + "vocab.bpe.gz");
        } catch (IOException ex) {
            throw new UncheckedIOException("dlt's bundled GPT-2 vocabulary is unreadable", ex);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = ByteLevelBpe.class.getResourceAsStream(GPT2_DIR + file);
        if (in == null) {
            throw new IllegalStateException("dlt's bundled GPT-2 vocabulary is missing: " + GPT2_DIR + file);
        }
        return in;
    }
}
