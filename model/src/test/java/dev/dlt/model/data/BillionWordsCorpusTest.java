package dev.dlt.model.data;

import dev.dlt.model.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BillionWordsCorpusTest {

    @Test
    void sentencesAreDocumentsAndHeldOutShardsSplitValidAndTest() {
        Corpus c = Corpora.open(Fixtures.path("1bw").toString());
        assertEquals(DataFormat.BILLION_WORDS, c.format());
        assertEquals(List.of("The dollar rose against the yen on Tuesday .", "Shares of the company fell 3 percent .",
                "Rain is expected over the weekend ."), texts(c, Split.TRAIN));
        assertEquals(List.of("Officials declined to comment ."), texts(c, Split.VALID));
        assertEquals(3, texts(c, Split.TEST).size());
        assertEquals("The council voted 5 to 2 .", texts(c, Split.TEST).get(0));
    }

    @Test
    void aShardFolderSelectsTheRoot() {
        Corpus c = Corpora.open(Fixtures.path("1bw").resolve(BillionWordsCorpus.HELDOUT_DIR).toString());
        assertEquals(Fixtures.path("1bw"), c.location().orElseThrow());
    }

    @Test
    void streamsLazilyShardByShard(@TempDir Path dir) throws IOException {
        Path root = Fixtures.copy("1bw", dir);
        Path second = root.resolve(BillionWordsCorpus.TRAIN_DIR).resolve("news.en-00002-of-00100");
        Files.write(second, new byte[]{(byte) 0xC3, (byte) 0x28, '\n'}); // invalid UTF-8
        Corpus c = Corpora.open(root.toString());
        try (Stream<Document> d = c.documents(Split.TRAIN)) {
            assertEquals("The dollar rose against the yen on Tuesday .", d.findFirst().orElseThrow().text());
        }
        var e = assertThrows(UserInputException.class, () -> Fixtures.docs(c, Split.TRAIN));
        assertTrue(e.getMessage().contains("news.en-00002-of-00100"), e.getMessage());
    }

    @Test
    void missingHeldOutShardIsNamed(@TempDir Path dir) throws IOException {
        Path root = Fixtures.copy("1bw", dir);
        Files.delete(root.resolve(BillionWordsCorpus.HELDOUT_DIR).resolve("news.en.heldout-00001-of-00050"));
        Corpus c = Corpora.open(root.toString());
        var e = assertThrows(UserInputException.class, () -> c.documents(Split.VALID));
        assertTrue(e.getMessage().contains("news.en.heldout-00001-of-00050"), e.getMessage());
    }

    private static List<String> texts(Corpus c, Split s) {
        return Fixtures.docs(c, s).stream().map(Document::text).toList();
    }
}
