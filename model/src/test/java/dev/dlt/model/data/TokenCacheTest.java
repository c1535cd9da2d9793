package dev.dlt.model.data;

import dev.dlt.model.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCacheTest {

    @TempDir
    Path dir;

    private final ByteTokenizer bytes = new ByteTokenizer();

    @Test
    void documentsAreSeparatedByEndOfText() {
        Corpus c = Corpora.open(Fixtures.path("1bw").toString());
        TokenFile t = new TokenCache(dir).tokens(c, Split.VALID, bytes);
        String sentence = "Officials declined to comment .";
        assertEquals(sentence.length() + 1, t.size());
        assertEquals('O', t.get(0));
        assertEquals(256, t.get(t.size() - 1));
        assertEquals(2, t.bytesPerToken());
    }

    @Test
    void secondCallReusesTheFile() throws IOException {
        TokenCache cache = new TokenCache(dir);
        Corpus c = Corpora.open(Fixtures.path("wikitext-2").toString());
        Path f = cache.tokens(c, Split.TRAIN, bytes).path();
        FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(f, stamp);
        assertEquals(f, cache.tokens(c, Split.TRAIN, bytes).path());
        assertEquals(stamp, Files.getLastModifiedTime(f));
        assertTrue(f.getFileName().toString().startsWith("wikitext-train-bytes-"), f.toString());
    }

    @Test
    void keyDependsOnTokenizerAndSplit() {
        TokenCache cache = new TokenCache(dir);
        Corpus c = new SotuCorpus();
        Path a = cache.pathFor(c, Split.TRAIN, bytes);
        assertNotEquals(a, cache.pathFor(c, Split.TRAIN, new ByteTokenizer("bytes2")));
        assertNotEquals(a, cache.pathFor(c, Split.VALID, bytes));
        assertEquals(a, new TokenCache(dir).pathFor(c, Split.TRAIN, new ByteTokenizer()));
    }

    @Test
    void truncatedCacheFileIsRebuilt() throws IOException {
        TokenCache cache = new TokenCache(dir);
        Corpus c = Corpora.open(Fixtures.path("wikitext-2").toString());
        TokenFile good = cache.tokens(c, Split.TEST, bytes);
        long size = good.size();
        int last = good.get(size - 1);
        try (RandomAccessFile raf = new RandomAccessFile(good.path().toFile(), "rw")) {
            raf.setLength(raf.length() - 7);
        }
        TokenFile rebuilt = cache.tokens(c, Split.TEST, bytes);
        assertEquals(size, rebuilt.size());
        assertEquals(last, rebuilt.get(size - 1));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void splitWithoutTokensIsAUserError() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("few"));
        for (int i = 0; i < 3; i++) Files.writeString(folder.resolve("d" + i + ".txt"), "text " + i);
        Corpus c = Corpora.open(folder.toString());
        var e = assertThrows(UserInputException.class, () -> new TokenCache(dir.resolve("cache")).tokens(c, Split.VALID, bytes));
        assertEquals("split valid of text " + folder + " has no tokens", e.getMessage());
    }

    @Test
    void cacheGoesBesideWritableDataElseToTheHomeCache() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "x");
        assertEquals(data.resolve(".dlt-cache"), TokenCache.dirFor(Corpora.open(data.toString())));
        assertEquals(TokenCache.defaultDir(), TokenCache.dirFor(new SotuCorpus()));
        assertTrue(TokenCache.defaultDir().endsWith(Path.of(".cache", "dlt", "data")));
    }

    @Test
    void sotuSplitsTokenizeToTheirUtf8BytesPlusOneEndOfTextPerAddress() {
        TokenCache cache = new TokenCache(dir);
        assertEquals(9_643_186 + 202, cache.tokens(new SotuCorpus(), Split.TRAIN, bytes).size());
        assertEquals(506_337 + 14, cache.tokens(new SotuCorpus(), Split.VALID, bytes).size());
        assertEquals(611_890 + 17, cache.tokens(new SotuCorpus(), Split.TEST, bytes).size());
    }
}
