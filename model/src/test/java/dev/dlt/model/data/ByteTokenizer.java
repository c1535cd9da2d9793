package dev.dlt.model.data;

import dev.dlt.model.tokenizer.Tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test-only tokenizer: UTF-8 bytes are ids 0..255, end-of-text is 256. */
final class ByteTokenizer implements Tokenizer {

    private final String name;

    ByteTokenizer() {
        this("bytes");
    }

    ByteTokenizer(String name) {
        this.name = name;
    }

    @Override
    public int[] encode(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) ids[i] = b[i] & 0xFF;
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) if (id < 256) out.write(id);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return 257;
    }

    @Override
    public int endOfText() {
        return 256;
    }

    @Override
    public String name() {
        return name;
    }
}
