package dev.dlt.model.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlainTextCorpusTest {

    @Test
    void aFileSplitsItsParagraphs90_5_5() {
        Corpus c = Corpora.open(Fixtures.path("text/book.txt").toString());
        assertEquals(DataFormat.TEXT, c.format());
        assertEquals(36, Fixtures.docs(c, Split.TRAIN).size());
        assertEquals(List.of("Paragraph 18 line one.\nParagraph 18 line two.\n",
                "Paragraph 38 line one.\nParagraph 38 line two.\n"), texts(c, Split.VALID));
        assertEquals(2, Fixtures.docs(c, Split.TEST).size());
        assertEquals(texts(c, Split.TRAIN), texts(Corpora.open(Fixtures.path("text/book.txt").toString()), Split.TRAIN));
    }

    @Test
    void aFolderSplitsItsTxtFilesInPathOrder() {
        Corpus c = Corpora.open(Fixtures.path("text-folder").toString());
        assertEquals(DataFormat.TEXT, c.format());
        assertEquals(18, Fixtures.docs(c, Split.TRAIN).size());
        assertEquals(List.of("doc18.txt"), Fixtures.titles(c, Split.VALID));
        assertEquals(List.of("Document 19.\n"), texts(c, Split.TEST));
    }

    @Test
    void positionsCycleThroughTheSplits() {
        assertEquals(Split.TRAIN, PlainTextCorpus.splitOf(0));
        assertEquals(Split.VALID, PlainTextCorpus.splitOf(18));
        assertEquals(Split.TEST, PlainTextCorpus.splitOf(39));
        assertEquals(Split.TRAIN, PlainTextCorpus.splitOf(40));
    }

    private static List<String> texts(Corpus c, Split s) {
        return Fixtures.docs(c, s).stream().map(Document::text).toList();
    }
}
