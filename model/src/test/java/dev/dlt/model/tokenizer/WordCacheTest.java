package dev.dlt.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WordCacheTest {

    @Test
    void computesOnceAndStaysWithinCapacity() {
        WordCache cache = new WordCache(3);
        AtomicInteger computed = new AtomicInteger();
        for (int round = 0; round < 2; round++) {
            for (String w : List.of("a", "b", "c")) {
                assertArrayEquals(new int[] {w.charAt(0)}, cache.get(w, k -> {
                    computed.incrementAndGet();
                    return new int[] {k.charAt(0)};
                }));
            }
        }
        assertEquals(3, computed.get());
        for (int i = 0; i < 100; i++) {
            cache.get("w" + i, k -> new int[0]);
            assertTrue(cache.size() <= 3, "size " + cache.size());
        }
    }

    @Test
    void concurrentEncodingGivesTheSameIds() throws Exception {
        ByteLevelBpe gpt2 = ByteLevelBpe.gpt2();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append("word").append(i % 997).append(i % 2 == 0 ? " Über " : "\n");
        }
        String text = sb.toString();
        int[] expected = gpt2.encodeWordsUncached(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> gpt2.encode(text)));
            }
            for (Future<int[]> r : results) {
                assertArrayEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
