package dev.dlt.model.data;

import dev.dlt.model.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsUnsigned16BitIds() throws IOException {
        Path f = write("small.tok", 65_536, 65_535, 0, 1, 40_000, 65_535);
        TokenFile t = TokenFile.open(f);
        assertEquals(2, t.bytesPerToken());
        assertEquals(4, t.size());
        assertEquals(40_000, t.get(2));
        assertEquals(65_535, t.get(3));
        assertEquals(TokenFileHeader.SIZE + 8, Files.size(f));
    }

    @Test
    void roundTripsInt32IdsForLargeVocabularies() throws IOException {
        TokenFile t = TokenFile.open(write("big.tok", 70_000, 69_999, 69_999, 3));
        assertEquals(4, t.bytesPerToken());
        assertEquals(69_999, t.get(0));
        assertEquals(70_000, t.vocabSize());
    }

    @Test
    void truncatedFileIsCorrupt() throws IOException {
        Path f = write("t.tok", 257, 256, 1, 2, 3, 4);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() - 2);
        }
        assertCorrupt(f, "bytes, header says");
    }

    @Test
    void flippedPayloadByteFailsTheChecksum() throws IOException {
        Path f = write("t.tok", 257, 256, 1, 2, 3, 4);
        flip(f, TokenFileHeader.SIZE + 3);
        assertCorrupt(f, "payload checksum");
    }

    @Test
    void flippedHeaderByteFailsTheHeaderChecksum() throws IOException {
        Path f = write("t.tok", 257, 256, 1, 2, 3, 4);
        flip(f, 25);
        assertCorrupt(f, "header checksum");
    }

    @Test
    void otherFilesAreRejected() throws IOException {
        assertCorrupt(Files.writeString(dir.resolve("x.tok"), "hello"), "truncated");
        assertCorrupt(Files.write(dir.resolve("y.tok"), new byte[100]), "not a dlt token file");
    }

    @Test
    void abandonedWriterLeavesNoFile() throws IOException {
        try (TokenFileWriter w = new TokenFileWriter(dir.resolve("never.tok"), 257, 256)) {
            w.write(new int[]{1, 2});
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    private Path write(String name, int vocab, int eot, int... ids) throws IOException {
        Path f = dir.resolve(name);
        try (TokenFileWriter w = new TokenFileWriter(f, vocab, eot)) {
            w.write(ids);
            w.commit();
        }
        return f;
    }

    private static void flip(Path f, long at) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x01);
        }
    }

    private static void assertCorrupt(Path f, String why) {
        var e = assertThrows(UserInputException.class, () -> TokenFile.open(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(why), e.getMessage());
    }
}
