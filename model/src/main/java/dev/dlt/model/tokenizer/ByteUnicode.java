package dev.dlt.model.tokenizer;

/**
 * GPT-2's {@code bytes_to_unicode}: a bijection from the 256 byte values to printable characters, so that
 * byte-level tokens can be written as strings in {@code encoder.json} and {@code vocab.bpe}. Printable
 * Latin-1 bytes map to themselves; the other 68 (controls, space, NBSP, soft hyphen) map to U+0100.. in
 * byte order. Space therefore appears as {@code Ġ} (U+0120) in GPT-2's files.
 */
final class ByteUnicode {

    private static final char[] BYTE_TO_CHAR = new char[256];
    /** Indexed by char; -1 where the char is not the image of a byte. */
    private static final int[] CHAR_TO_BYTE = new int[256 + 68];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + extra++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteUnicode() {
    }

    static char toChar(int unsignedByte) {
        return BYTE_TO_CHAR[unsignedByte];
    }

    /** The GPT-2 file form of a byte sequence. */
    static String encode(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    /** The bytes of a GPT-2 file-form token, or null if a char is outside the mapping. */
    static byte[] decode(String token) {
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = token.charAt(i);
            if (c >= CHAR_TO_BYTE.length || CHAR_TO_BYTE[c] < 0) {
                return null;
            }
            bytes[i] = (byte) CHAR_TO_BYTE[c];
        }
        return bytes;
    }
}
