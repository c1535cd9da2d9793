package dev.dlt.model.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SotuCorpusTest {

    private final SotuCorpus sotu = new SotuCorpus();

    @Test
    void embedsAll233AddressesWithYearAndSpeaker() {
        List<SotuCorpus.Address> all = sotu.addresses();
        assertEquals(233, all.size());
        assertEquals(1790, all.get(0).year());
        assertEquals("George Washington", all.get(0).speaker());
        assertEquals("n", all.get(0).party());
        assertEquals(2021, all.get(232).year());
        assertEquals("Joseph R Biden", all.get(232).speaker());
        assertEquals(2, all.stream().filter(a -> a.year() == 1953).count());
    }

    @Test
    void splitByYearHasTheDocumentedCounts() {
        assertCounts(Split.TRAIN, 202, 9_643_140);
        assertCounts(Split.VALID, 14, 506_337);
        assertCounts(Split.TEST, 17, 610_565);
    }

    @Test
    void splitBoundariesFollowTheYears() {
        for (SotuCorpus.Address a : sotu.addresses()) {
            Split expected = a.year() <= 1990 ? Split.TRAIN : a.year() <= 2004 ? Split.VALID : Split.TEST;
            assertEquals(expected, a.split(), a.year() + " " + a.speaker());
        }
        assertTrue(Fixtures.titles(sotu, Split.VALID).get(0).startsWith("1991 "));
        assertTrue(Fixtures.titles(sotu, Split.TEST).get(0).startsWith("2005 "));
    }

    private void assertCounts(Split split, int docs, long chars) {
        List<Document> d = Fixtures.docs(sotu, split);
        assertEquals(docs, d.size(), split + " documents");
        assertEquals(chars, d.stream().mapToLong(x -> x.text().length()).sum(), split + " characters");
    }
}
