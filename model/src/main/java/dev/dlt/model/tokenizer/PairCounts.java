package dev.dlt.model.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The state of BPE training: every distinct word as a sequence of token ids with its frequency, the count
 * of every adjacent pair over the corpus, and for each pair the words that hold it. A merge rewrites only
 * those words and updates the counts of the pairs it changed. The max-heap holds possibly stale entries;
 * an entry counts only while its count equals the pair's current count. Not thread-safe.
 */
final class PairCounts {

    private static final class Pair {
        long count;
        int[] words = new int[2];
        int size;

        void addWord(int w) {
            if (size > 0 && words[size - 1] == w) {
                return; // a word adds itself to a pair in one go, so repeats are adjacent
            }
            if (size == words.length) {
                words = Arrays.copyOf(words, size * 2);
            }
            words[size++] = w;
        }
    }

    private record Entry(long count, long pair) { }

    private final int[][] words;
    private final int[] freq;
    private final Map<Long, Pair> pairs = new HashMap<>();
    private final PriorityQueue<Entry> heap = new PriorityQueue<>((x, y) -> x.count != y.count
            ? Long.compare(y.count, x.count) : Long.compare(x.pair, y.pair));

    PairCounts(Map<String, int[]> wordCounts) {
        words = new int[wordCounts.size()][];
        freq = new int[wordCounts.size()];
        int w = 0;
        for (Map.Entry<String, int[]> e : wordCounts.entrySet()) {
            byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
            words[w] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                words[w][i] = bytes[i] & 0xFF;
            }
            freq[w] = e.getValue()[0];
            for (int i = 0; i + 1 < bytes.length; i++) {
                Pair p = pairs.computeIfAbsent(key(words[w][i], words[w][i + 1]), k -> new Pair());
                p.count += freq[w];
                p.addWord(w);
            }
            w++;
        }
        pairs.forEach((k, p) -> heap.add(new Entry(p.count, k)));
    }

    static long key(int a, int b) {
        return ((long) a << 32) | b;
    }

    static int left(long pair) {
        return (int) (pair >>> 32);
    }

    static int right(long pair) {
        return (int) pair;
    }

    /** The pair to merge next, or -1 when no pair occurs any more. */
    long mostFrequent() {
        while (!heap.isEmpty()) {
            Entry top = heap.poll();
            Pair p = pairs.get(top.pair);
            if (p != null && p.count == top.count && p.count > 0) {
                heap.add(top); // stays valid until merged
                return top.pair;
            }
        }
        return -1;
    }

    /** Replaces every occurrence of {@code pair} in every word by {@code merged}, updating pair counts. */
    void merge(long pair, int merged) {
        int a = left(pair);
        int b = right(pair);
        Pair p = pairs.get(pair);
        Map<Long, Long> delta = new HashMap<>();
        for (int i = 0; i < p.size; i++) {
            int w = p.words[i];
            int[] before = words[w];
            int[] after = mergeWord(before, a, b, merged);
            if (after == before) {
                continue; // stale: an earlier merge already consumed the pair in this word
            }
            addPairs(before, -freq[w], delta);
            addPairs(after, freq[w], delta);
            words[w] = after;
            for (int j = 0; j + 1 < after.length; j++) {
                if (after[j] == merged || after[j + 1] == merged) {
                    pairs.computeIfAbsent(key(after[j], after[j + 1]), k -> new Pair()).addWord(w);
                }
            }
        }
        delta.forEach((k, d) -> {
            if (d != 0) {
                Pair q = pairs.computeIfAbsent(k, x -> new Pair());
                q.count += d;
                if (q.count > 0) {
                    heap.add(new Entry(q.count, k));
                }
            }
        });
        pairs.remove(pair); // its count is now zero and its word list only stale entries
    }

    private static void addPairs(int[] word, long f, Map<Long, Long> delta) {
        for (int j = 0; j + 1 < word.length; j++) {
            delta.merge(key(word[j], word[j + 1]), f, Long::sum);
        }
    }

    /** Left-to-right non-overlapping merge, as GPT-2 encodes; returns {@code word} itself if (a, b) is absent. */
    private static int[] mergeWord(int[] word, int a, int b, int merged) {
        int[] out = null;
        int n = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == a && word[i + 1] == b) {
                if (out == null) {
                    out = Arrays.copyOf(word, word.length - 1);
                    n = i;
                }
                out[n++] = merged;
                i++;
            } else if (out != null) {
                out[n++] = word[i];
            }
        }
        return out == null ? word : Arrays.copyOf(out, n);
    }
}
