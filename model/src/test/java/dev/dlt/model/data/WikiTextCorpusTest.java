package dev.dlt.model.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WikiTextCorpusTest {

    @Test
    void articlesStartAtTopLevelHeadingsAndKeepTheirSections() {
        Corpus c = Corpora.open(Fixtures.path("wikitext-2").toString());
        assertEquals(DataFormat.WIKITEXT, c.format());
        assertEquals(List.of("Valkyria Chronicles III", "Tower Building of the Little Rock Arsenal"),
                Fixtures.titles(c, Split.TRAIN));
        Document first = Fixtures.docs(c, Split.TRAIN).get(0);
        assertTrue(first.text().startsWith(" = Valkyria Chronicles III = \n"), first.text());
        assertTrue(first.text().contains(" = = Gameplay = = \n"));
        assertTrue(first.text().contains("<unk>"));
        assertEquals(1, Fixtures.docs(c, Split.VALID).size());
        assertEquals(List.of("Homarus gammarus", "Du Fu", "Kiss You"), Fixtures.titles(c, Split.TEST));
    }

    @Test
    void readsTheRawVariant() {
        WikiTextCorpus c = (WikiTextCorpus) Corpora.open(Fixtures.path("wikitext-2-raw").toString());
        assertEquals("raw", c.variant());
        Document first = Fixtures.docs(c, Split.TRAIN).get(0);
        assertTrue(first.text().contains("role-playing"), first.text());
    }

    @Test
    void aSplitFileSelectsItsFolder() {
        Corpus c = Corpora.open(Fixtures.path("wikitext-2").resolve("wiki.valid.tokens").toString());
        assertEquals(3, Fixtures.docs(c, Split.TEST).size());
    }

    @Test
    void headingPatternExcludesSections() {
        assertEquals("Du Fu", WikiTextCorpus.title(" = Du Fu = "));
        assertNull(WikiTextCorpus.title(" = = Career = = "));
        assertNull(WikiTextCorpus.title(" Du Fu was a poet . "));
    }
}
