package dev.dlt.runtime.stage;

import dev.dlt.model.tie.TieMap;
import java.util.TreeSet;
import java.util.SortedSet;

/**
 * How L layers are cut into layer groups of {@code groupSize} consecutive layers (the last group may be
 * shorter), and which groups talk to which under a tie map. Pure and immutable.
 *
 * <p>A layer whose root lies in another group is a <em>remote follower</em>: its group keeps a copy of the
 * root's weights, sends the root's group its weight gradients once per step and receives the updated
 * weights after each update.
 */
public record Partition(int layers, int groupSize) {

    public Partition {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        }
        if (groupSize < 1 || groupSize > layers) {
            throw new IllegalArgumentException("group size must be in [1, " + layers + "], got " + groupSize);
        }
    }

    public int groups() {
        return (layers + groupSize - 1) / groupSize;
    }

    /** The group that owns layer i. */
    public int groupOf(int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("unknown layer " + layer + ": the model has layers 0.." + (layers - 1));
        }
        return layer / groupSize;
    }

    public int first(int group) {
        return group * groupSize;
    }

    /** One past the last layer of the group. */
    public int end(int group) {
        return Math.min(layers, (group + 1) * groupSize);
    }

    public boolean owns(int group, int layer) {
        return layer >= first(group) && layer < end(group);
    }

    /** Roots in other groups that some layer of {@code group} computes with, in increasing order. */
    public SortedSet<Integer> remoteRoots(int group, TieMap ties) {
        SortedSet<Integer> out = new TreeSet<>();
        for (int k = first(group); k < end(group); k++) {
            int r = ties.root(k);
            if (!owns(group, r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Groups whose roots some layer of {@code group} follows (they receive its follower gradients). */
    public SortedSet<Integer> sourceGroups(int group, TieMap ties) {
        SortedSet<Integer> out = new TreeSet<>();
        for (int r : remoteRoots(group, ties)) {
            out.add(groupOf(r));
        }
        return out;
    }

    /** Groups with a layer that follows a root of {@code group} (they receive its updated weights). */
    public SortedSet<Integer> followerGroups(int group, TieMap ties) {
        SortedSet<Integer> out = new TreeSet<>();
        for (int h = 0; h < groups(); h++) {
            if (h != group && sourceGroups(h, ties).contains(group)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The roots of {@code group} that layers of {@code follower} compute with. */
    public SortedSet<Integer> rootsFollowedBy(int follower, int group, TieMap ties) {
        SortedSet<Integer> out = new TreeSet<>();
        for (int r : remoteRoots(follower, ties)) {
            if (groupOf(r) == group) {
                out.add(r);
            }
        }
        return out;
    }
}
