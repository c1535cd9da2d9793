package dev.dlt.model.tie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tie state {@code s} of Hay &amp; Wolf: for every layer i, {@code s[i] == i} means layer i is
 * independent (trains its own weights) and {@code s[i] == j < i} means layer i computes with layer j's
 * weights. Immutable; every operation returns a new map.
 *
 * <p>Invariants, enforced on construction:
 * <ul>
 *   <li>layer 0 is always independent;</li>
 *   <li>{@code s[i] <= i};</li>
 *   <li>the map is <em>resolved</em>: {@code s[i]} is always a root, that is {@code s[s[i]] == s[i]}.
 *       A tie to a tied layer is stored as a tie to that layer's root.</li>
 * </ul>
 *
 * <p>Rule for followers when their root changes: a layer k following root r uses "r's weights". When r is
 * itself tied to j, r's weights become root(j)'s, so every follower of r is re-pointed to root(j) in the
 * same operation and the map stays resolved. An independent layer has no followers to lose when it is
 * untied (untying it is a no-op), and a tied layer has no followers (the map is resolved), so
 * {@link #untie} never moves another layer.
 */
public final class TieMap {

    private final int[] s;

    private TieMap(int[] s) {
        this.s = s;
    }

    /** The state at the start of dynamic tying: every layer tied to layer 0. */
    public static TieMap allTiedToFirst(int layers) {
        requireLayers(layers);
        return new TieMap(new int[layers]);
    }

    /** Conventional training: every layer independent. */
    public static TieMap independent(int layers) {
        requireLayers(layers);
        int[] s = new int[layers];
        Arrays.setAll(s, i -> i);
        return new TieMap(s);
    }

    /**
     * A map from an explicit vector. Entries may point to tied layers; they are resolved to roots.
     *
     * @throws IllegalArgumentException naming the first entry that breaks {@code 0 <= s[i] <= i}
     */
    public static TieMap of(int... state) {
        requireLayers(state.length);
        int[] s = state.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0 || s[i] > i) {
                throw new IllegalArgumentException(
                        "invalid tie state " + Arrays.toString(state) + ": entry " + i + " is " + s[i]
                                + ", must be in [0, " + i + "]");
            }
            s[i] = s[s[i]]; // earlier entries are already resolved
        }
        return new TieMap(s);
    }

    private static void requireLayers(int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("a tie map needs at least one layer, got " + layers);
        }
    }

    public int layers() {
        return s.length;
    }

    /** The layer whose weights layer i computes with; {@code root(i) == i} for independent layers. */
    public int root(int i) {
        checkLayer(i);
        return s[i];
    }

    public boolean isIndependent(int i) {
        return root(i) == i;
    }

    /** Number of layers that own weights. */
    public int independentCount() {
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == i) {
                n++;
            }
        }
        return n;
    }

    /** Fraction of layers that are tied, in [0, 1). */
    public double tiedFraction() {
        return (s.length - independentCount()) / (double) s.length;
    }

    /** The independent layers in increasing order. */
    public List<Integer> roots() {
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == i) {
                roots.add(i);
            }
        }
        return roots;
    }

    /** Layers other than {@code root} that compute with {@code root}'s weights. */
    public List<Integer> followers(int root) {
        checkLayer(root);
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < s.length; k++) {
            if (k != root && s[k] == root) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Layer i computes with layer j's weights (resolved to j's root) from now on. If i was a root, its
     * followers move to the same new root (see the class comment).
     *
     * @throws IllegalArgumentException unless {@code 0 <= j < i < layers()}
     */
    public TieMap tie(int i, int j) {
        checkLayer(i);
        if (i == 0) {
            throw new IllegalArgumentException("invalid tie " + i + " -> " + j + ": layer 0 is never tied");
        }
        if (j < 0 || j >= i) {
            throw new IllegalArgumentException(
                    "invalid tie " + i + " -> " + j + ": a layer ties only to an earlier layer (0 <= j < " + i + ")");
        }
        int newRoot = s[j];
        int oldRoot = s[i];
        int[] next = s.clone();
        for (int k = 0; k < next.length; k++) {
            if (k == i || (oldRoot == i && next[k] == i)) {
                next[k] = newRoot;
            }
        }
        return new TieMap(next);
    }

    /** Layer i owns weights from now on; returns this map unchanged if it already does. */
    public TieMap untie(int i) {
        checkLayer(i);
        if (s[i] == i) {
            return this;
        }
        int[] next = s.clone();
        next[i] = i;
        return new TieMap(next);
    }

    /**
     * Applies the agent's action for layer i: {@code action == i} makes it independent, {@code action < i}
     * ties it to layer {@code action}.
     */
    public TieMap apply(int i, int action) {
        return action == i ? untie(i) : tie(i, action);
    }

    /** A copy of the resolved vector. */
    public int[] toArray() {
        return s.clone();
    }

    private void checkLayer(int i) {
        if (i < 0 || i >= s.length) {
            throw new IllegalArgumentException("unknown layer " + i + ": the model has layers 0.." + (s.length - 1));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TieMap other && Arrays.equals(s, other.s);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(s);
    }

    /** The vector as the paper writes it, e.g. {@code [0, 0, 2, 2]}. */
    @Override
    public String toString() {
        return Arrays.toString(s);
    }
}
