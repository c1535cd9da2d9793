package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A token file, memory-mapped read-only: the ids live in the OS page cache, not on the Java heap, so a
 * multi-GB split costs only the pages a batch touches. Opening checks the header, the exact file length and
 * the payload CRC32; any mismatch is a UserInputException naming the file. The mapping is owned by the JVM
 * and released by the garbage collector. Immutable and thread-safe.
 */
public final class TokenFile implements TokenSequence {

    /** Bytes per mapped chunk: a multiple of 4 below the 2 GiB limit of one mapping. */
    private static final long CHUNK = 1L << 30;

    private final Path path;
    private final TokenFileHeader header;
    private final MappedByteBuffer[] chunks;

    private TokenFile(Path path, TokenFileHeader header, MappedByteBuffer[] chunks) {
        this.path = path;
        this.header = header;
        this.chunks = chunks;
    }

    /** Maps and verifies {@code path}. */
    public static TokenFile open(Path path) {
        if (!Files.isRegularFile(path)) throw new UserInputException("token file not found: " + path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < TokenFileHeader.SIZE) throw TokenFileHeader.corrupt(path, "truncated to " + size + " bytes");
            TokenFileHeader h = TokenFileHeader.decode(ch.map(FileChannel.MapMode.READ_ONLY, 0, TokenFileHeader.SIZE), path);
            if (size != h.fileSize()) {
                throw TokenFileHeader.corrupt(path, size + " bytes, header says " + h.fileSize());
            }
            MappedByteBuffer[] chunks = map(ch, h.count() * h.bytesPerToken());
            CRC32 crc = new CRC32();
            for (MappedByteBuffer c : chunks) crc.update(c.duplicate());
            if (crc.getValue() != h.payloadCrc()) throw TokenFileHeader.corrupt(path, "payload checksum mismatch");
            return new TokenFile(path, h, chunks);
        } catch (IOException e) {
            throw new UserInputException("cannot read token file " + path + ": " + e.getMessage(), e);
        }
    }

    private static MappedByteBuffer[] map(FileChannel ch, long payload) throws IOException {
        int n = (int) ((payload + CHUNK - 1) / CHUNK);
        MappedByteBuffer[] chunks = new MappedByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long start = i * CHUNK;
            long len = Math.min(CHUNK, payload - start);
            chunks[i] = ch.map(FileChannel.MapMode.READ_ONLY, TokenFileHeader.SIZE + start, len);
            chunks[i].order(ByteOrder.LITTLE_ENDIAN);
        }
        return chunks;
    }

    @Override
    public long size() {
        return header.count();
    }

    @Override
    public int get(long index) {
        if (index < 0 || index >= header.count()) throw new IndexOutOfBoundsException(index);
        long byteOffset = index * header.bytesPerToken();
        MappedByteBuffer c = chunks[(int) (byteOffset / CHUNK)];
        int at = (int) (byteOffset % CHUNK);
        return header.bytesPerToken() == 2 ? Short.toUnsignedInt(c.getShort(at)) : c.getInt(at);
    }

    @Override
    public String describe() {
        return path.toString();
    }

    public Path path() {
        return path;
    }

    public int vocabSize() {
        return header.vocabSize();
    }

    public int endOfText() {
        return header.endOfText();
    }

    /** 2 for unsigned 16-bit ids, 4 for int32. */
    public int bytesPerToken() {
        return header.bytesPerToken();
    }
}
