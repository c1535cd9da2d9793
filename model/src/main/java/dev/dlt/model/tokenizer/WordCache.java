package dev.dlt.model.tokenizer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Thread-safe memo of word → token ids with a bounded number of entries. When full it is emptied in one
 * go: natural text repeats a small set of words, so they come back at once, and this keeps the hot path
 * a single concurrent-map read with no LRU bookkeeping. Cached arrays must not be modified by callers.
 */
final class WordCache {

    private final ConcurrentHashMap<String, int[]> map = new ConcurrentHashMap<>();
    private final int capacity;

    WordCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    int[] get(String word, Function<String, int[]> compute) {
        int[] ids = map.get(word);
        if (ids != null) {
            return ids;
        }
        ids = compute.apply(word);
        if (map.size() >= capacity) {
            map.clear();
        }
        map.put(word, ids);
        return ids;
    }

    int size() {
        return map.size();
    }
}
