package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The 64-byte little-endian header of a token file: magic {@code DLTTOKS1}, version, bytes per token (2 =
 * unsigned 16-bit when the vocabulary has fewer than 65,536 ids, else 4 = int32), vocabulary size,
 * end-of-text id, token count, CRC32 of the payload, CRC32 of the header bytes before it. The payload of
 * {@code count × bytesPerToken} bytes follows.
 */
record TokenFileHeader(int bytesPerToken, int vocabSize, int endOfText, long count, long payloadCrc) {

    static final int SIZE = 64;
    static final int VERSION = 1;
    private static final byte[] MAGIC = "DLTTOKS1".getBytes(StandardCharsets.US_ASCII);

    TokenFileHeader {
        if (bytesPerToken != 2 && bytesPerToken != 4) throw new IllegalArgumentException("bytesPerToken " + bytesPerToken);
        if (count < 0) throw new IllegalArgumentException("count " + count);
    }

    static int bytesPerToken(int vocabSize) {
        return vocabSize <= 65_536 ? 2 : 4;
    }

    long fileSize() {
        return SIZE + count * bytesPerToken;
    }

    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(bytesPerToken).putInt(vocabSize).putInt(endOfText)
                .putLong(count).putLong(payloadCrc);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        return b.rewind();
    }

    /** Parses and checks a header; any mismatch is a corrupt file, named in the message. */
    static TokenFileHeader decode(ByteBuffer raw, Path file) {
        if (raw.remaining() < SIZE) throw corrupt(file, "shorter than its header");
        byte[] head = new byte[SIZE];
        raw.duplicate().get(head);
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) throw corrupt(file, "not a dlt token file");
        b.position(MAGIC.length);
        int version = b.getInt();
        int width = b.getInt();
        int vocab = b.getInt();
        int eot = b.getInt();
        long count = b.getLong();
        long payloadCrc = b.getLong();
        CRC32 crc = new CRC32();
        crc.update(head, 0, b.position());
        if (crc.getValue() != b.getLong()) throw corrupt(file, "header checksum mismatch");
        if (version != VERSION) throw corrupt(file, "version " + version + ", expected " + VERSION);
        if ((width != 2 && width != 4) || count < 0) throw corrupt(file, "bad header fields");
        return new TokenFileHeader(width, vocab, eot, count, payloadCrc);
    }

    static UserInputException corrupt(Path file, String why) {
        return new UserInputException("corrupt token file " + file + ": " + why + " (delete it to rebuild)");
    }
}
