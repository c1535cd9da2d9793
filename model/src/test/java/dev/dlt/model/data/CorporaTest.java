package dev.dlt.model.data;

import dev.dlt.model.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CorporaTest {

    @TempDir
    Path dir;

    @Test
    void detectsEachPublishedLayout() {
        assertEquals(DataFormat.WIKITEXT, Corpora.detect(Fixtures.path("wikitext-2")));
        assertEquals(DataFormat.WIKITEXT, Corpora.detect(Fixtures.path("wikitext-2-raw/wiki.test.raw")));
        assertEquals(DataFormat.LAMBADA, Corpora.detect(Fixtures.path("lambada")));
        assertEquals(DataFormat.LAMBADA, Corpora.detect(Fixtures.path("lambada/lambada_test_plain_text.txt")));
        assertEquals(DataFormat.BILLION_WORDS, Corpora.detect(Fixtures.path("1bw")));
        assertEquals(DataFormat.TEXT, Corpora.detect(Fixtures.path("text/book.txt")));
        assertEquals(DataFormat.TEXT, Corpora.detect(Fixtures.path("text-folder")));
    }

    @Test
    void sotuIsTheDefault() {
        assertInstanceOf(SotuCorpus.class, Corpora.open(null));
        assertInstanceOf(SotuCorpus.class, Corpora.open("SOTU"));
    }

    @Test
    void formatOverridesDetection() {
        Corpus c = Corpora.open(Fixtures.path("wikitext-2").toString(), "text");
        assertInstanceOf(PlainTextCorpus.class, c);
        assertEquals(DataFormat.BILLION_WORDS, DataFormat.parse("billion-words"));
    }

    @Test
    void missingPathIsNamed() {
        Path nowhere = dir.resolve("nowhere");
        var e = assertThrows(UserInputException.class, () -> Corpora.open(nowhere.toString()));
        assertEquals("data path not found: " + nowhere, e.getMessage());
    }

    @Test
    void unknownFormatListsTheAllowedOnes() {
        var e = assertThrows(UserInputException.class, () -> Corpora.open("sotu", "parquet"));
        assertEquals("unknown data format 'parquet' (allowed: sotu, wikitext, lambada, 1bw, text)", e.getMessage());
    }

    @Test
    void emptyFileIsNamed() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        var e = assertThrows(UserInputException.class, () -> Corpora.open(empty.toString()).documents(Split.TRAIN));
        assertEquals("data file is empty: " + empty, e.getMessage());
    }

    @Test
    void folderWithoutTextFilesIsNamed() throws IOException {
        Files.writeString(dir.resolve("notes.md"), "x");
        var e = assertThrows(UserInputException.class, () -> Corpora.open(dir.toString()).documents(Split.TRAIN));
        assertEquals("no non-empty .txt files in folder " + dir, e.getMessage());
    }

    @Test
    void binaryTextFileIsCorrupt() throws IOException {
        Path bin = Files.write(dir.resolve("data.txt"), new byte[]{'o', 'k', '\n', (byte) 0xFF, (byte) 0xFE, '\n'});
        var e = assertThrows(UserInputException.class, () -> Fixtures.docs(Corpora.open(bin.toString()), Split.TRAIN));
        assertEquals("not UTF-8 text (corrupt or binary?): " + bin, e.getMessage());
    }

    @Test
    void wikiTextFolderMissingASplitNamesTheFile() throws IOException {
        Files.writeString(dir.resolve("wiki.train.tokens"), " = A = \n text \n");
        Corpus c = Corpora.open(dir.toString());
        var e = assertThrows(UserInputException.class, () -> c.documents(Split.TEST));
        assertEquals("data file not found: " + dir.resolve("wiki.test.tokens"), e.getMessage());
    }
}
