package dev.dlt.model.data;

/** A read-only sequence of token ids, indexed by long so that splits above 2^31 tokens work. */
public interface TokenSequence {

    long size();

    /** The id at {@code index}, in {@code [0, size())}. */
    int get(long index);

    /** Names the sequence in error messages, e.g. the token file's path. */
    String describe();

    /** An in-memory sequence, for tests and small data. */
    static TokenSequence of(int... ids) {
        int[] copy = ids.clone();
        return new TokenSequence() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public int get(long index) {
                return copy[Math.toIntExact(index)];
            }

            @Override
            public String describe() {
                return "in-memory tokens (" + copy.length + ")";
            }
        };
    }
}
