package dev.dlt.model.tokenizer;

/**
 * Merge ranks keyed by the pair of token ids (left, right): an open-addressing hash table, because the
 * BPE inner loop looks up every adjacent pair of a word on each merge round. Immutable after building.
 */
final class PairRanks {

    private final long[] keys;
    private final int[] ranks;
    private final int[] merged;
    private final int mask;

    /** {@code left[r], right[r]} merge into {@code result[r]} at rank r. */
    PairRanks(int[] left, int[] right, int[] result) {
        int capacity = Integer.highestOneBit(Math.max(4, left.length * 2)) * 2;
        keys = new long[capacity];
        ranks = new int[capacity];
        java.util.Arrays.fill(ranks, -1);
        mask = capacity - 1;
        merged = result.clone();
        for (int r = 0; r < left.length; r++) {
            long key = key(left[r], right[r]);
            int slot = slot(key);
            while (ranks[slot] >= 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            if (ranks[slot] < 0) { // a repeated pair keeps its first (lowest) rank, as in GPT-2's dict
                keys[slot] = key;
                ranks[slot] = r;
            }
        }
    }

    /** The rank of merging {@code a} then {@code b}, or {@link Integer#MAX_VALUE} if they never merge. */
    int rank(int a, int b) {
        long key = key(a, b);
        int slot = slot(key);
        while (ranks[slot] >= 0) {
            if (keys[slot] == key) {
                return ranks[slot];
            }
            slot = (slot + 1) & mask;
        }
        return Integer.MAX_VALUE;
    }

    /** The id the merge of rank {@code rank} produces. */
    int mergedId(int rank) {
        return merged[rank];
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
