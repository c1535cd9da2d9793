package dev.dlt.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One token per UTF-8 byte (ids 0..255 are the byte values) plus {@code <|endoftext|>} as id 256.
 * No training, no files: the smallest vocabulary, for tests and tiny models. Immutable and thread-safe.
 */
public final class ByteTokenizer implements Tokenizer {

    public static final int END_OF_TEXT = 256;
    private static final ByteTokenizer INSTANCE = new ByteTokenizer();

    private ByteTokenizer() {
    }

    public static ByteTokenizer instance() {
        return INSTANCE;
    }

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    /** End-of-text decodes to {@code <|endoftext|>}, as in GPT-2; malformed UTF-8 becomes U+FFFD. */
    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length);
        for (int id : ids) {
            if (id == END_OF_TEXT) {
                out.writeBytes(ByteLevelBpe.END_OF_TEXT.getBytes(StandardCharsets.UTF_8));
            } else if (id >= 0 && id < 256) {
                out.write(id);
            } else {
                throw new IllegalArgumentException("token id " + id + " is not in bytes (vocabulary 257)");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return 257;
    }

    @Override
    public int endOfText() {
        return END_OF_TEXT;
    }

    @Override
    public String name() {
        return "bytes";
    }
}
