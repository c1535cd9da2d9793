package dev.dlt.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteTokenizerTest {

    private final ByteTokenizer bytes = ByteTokenizer.instance();

    @Test
    void idsAreUtf8ByteValues() {
        assertArrayEquals(new int[] {'a', ' ', 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80}, bytes.encode("a é😀"));
        assertArrayEquals(new int[0], bytes.encode(""));
        assertEquals(257, bytes.vocabSize());
        assertEquals(256, bytes.endOfText());
        assertEquals("bytes", bytes.name());
    }

    @Test
    void decodesBackIncludingEndOfText() {
        String text = "naïve 日本 🇫🇷\n\t";
        assertEquals(text, bytes.decode(bytes.encode(text)));
        assertEquals("x<|endoftext|>y", bytes.decode(new int[] {'x', 256, 'y'}));
        assertEquals("\uFFFD", bytes.decode(new int[] {0xC3}));
        assertThrows(IllegalArgumentException.class, () -> bytes.decode(new int[] {257}));
    }
}
