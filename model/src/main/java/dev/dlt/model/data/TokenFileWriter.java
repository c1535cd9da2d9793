package dev.dlt.model.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Streams token ids into a token file (format: {@link TokenFileHeader}). Writes go to a temporary file in
 * the target's folder; {@link #commit()} writes the header, forces the data to disk and renames the file into
 * place atomically, so readers never see a half-written file. Closing without commit deletes the temporary
 * file. Not thread-safe.
 */
final class TokenFileWriter implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32 crc = new CRC32();
    private final int vocabSize;
    private final int endOfText;
    private final int width;
    private long count;
    private boolean committed;

    TokenFileWriter(Path target, int vocabSize, int endOfText) throws IOException {
        this.target = target;
        this.vocabSize = vocabSize;
        this.endOfText = endOfText;
        this.width = TokenFileHeader.bytesPerToken(vocabSize);
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        channel.position(TokenFileHeader.SIZE);
    }

    /** Appends {@code ids}; each must be in {@code [0, vocabSize)}. */
    void write(int[] ids) throws IOException {
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalStateException("tokenizer produced id " + id + " outside [0, " + vocabSize + ")");
            }
            if (buffer.remaining() < width) flush();
            if (width == 2) buffer.putShort((short) id);
            else buffer.putInt(id);
        }
        count += ids.length;
    }

    long count() {
        return count;
    }

    /** Finishes the file and moves it to the target path. */
    void commit() throws IOException {
        flush();
        var header = new TokenFileHeader(width, vocabSize, endOfText, count, crc.getValue());
        channel.write(header.encode(), 0);
        channel.force(true);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    private void flush() throws IOException {
        buffer.flip();
        crc.update(buffer.duplicate());
        while (buffer.hasRemaining()) channel.write(buffer);
        buffer.clear();
    }

    @Override
    public void close() {
        if (committed) return;
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + temp, e);
        }
    }
}
