package dev.dlt.runtime.stage;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Block;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.nn.Scopes;
import dev.dlt.model.memory.ActivationMeter;
import dev.dlt.model.nn.LayerWeights;
import dev.dlt.model.nn.Param;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.optim.GradClip;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The tensors of one layer group: weights and AdamW moments of its roots, the weights of remote roots its
 * layers compute with (copies from bytes, or handles over the roots' own storage adopted from another
 * group in this JVM), and the activations of the micro-batches in flight.
 *
 * <p>Ownership: everything lives in one base manager created by {@link #restore} on the group's own thread;
 * {@link #close()} frees it (for adopted handles: this group's reference to the root's storage). Never
 * touched from another thread, except that handles made by {@link #sharedWeightsFor} pass to their
 * receiver in a message.
 */
final class GroupTensors implements AutoCloseable {

    private final int group;
    private final Partition partition;
    private final GptConfig config;
    private final GradientMode mode;
    private final NDManager manager;
    private final AdamW optimizer;
    private final SortedMap<Integer, LayerWeights> own = new TreeMap<>();
    private final SortedMap<Integer, LayerWeights> copies = new TreeMap<>();
    private final Map<Long, NDArray> masks = new HashMap<>();
    private final Passes passes = new Passes();
    private TieMap ties;

    private GroupTensors(int group, Partition partition, GptConfig config, GradientMode mode,
                         AdamW.Settings adam, Device device, TieMap ties) {
        this.group = group;
        this.partition = partition;
        this.config = config;
        this.mode = mode;
        this.manager = NDManager.newBaseManager(device);
        this.optimizer = new AdamW(adam, manager);
        this.ties = ties;
    }

    /** Rebuilds a group from a snapshot on {@code device}, on the calling (the group's) thread. */
    static GroupTensors restore(int group, Partition partition, GptConfig config, GradientMode mode,
                                AdamW.Settings adam, Device device, GroupSnapshot s) {
        GroupTensors t = new GroupTensors(group, partition, config, mode, adam, device, TieMap.of(s.ties()));
        Autograd.gradMode(false);
        for (long k = 0; k < s.adamSteps(); k++) {
            t.optimizer.step(List.of(), 0, 1); // advances the bias-correction counter only
        }
        s.own().forEach((layer, state) -> t.own.put(layer, t.load(state, s.adamSteps())));
        s.copies().forEach((root, w) -> t.copies.put(root, t.loadCopy(w)));
        return t;
    }

    GroupSnapshot snapshot() {
        return snapshot(byte[]::new);
    }

    /** The group's whole state as bytes, in arrays from {@code buffers}. */
    GroupSnapshot snapshot(IntFunction<byte[]> buffers) {
        Map<Integer, Stage.LayerState> o = new TreeMap<>();
        own.forEach((layer, w) -> o.put(layer, export(layer, buffers)));
        Map<Integer, List<Tensor>> c = new TreeMap<>();
        copies.forEach((root, w) -> c.put(root, Tensor.of(w.tensors(), buffers)));
        return new GroupSnapshot(ties.toArray(), optimizer.stepCount(), o, c);
    }

    // ---- forward and backward ----------------------------------------------------------------

    /**
     * Runs the group's layers on (B, T, C) activations that {@code in} brings into the pass's scope; keeps
     * the graph for backward when training. Returns {@code send} applied to the output (before an
     * evaluation's scope is freed).
     */
    <T> T forward(int micro, boolean training, Dropout.Key key, Function<NDManager, NDArray> in,
                  Function<NDArray, T> send) {
        NDManager scope = manager.newSubManager();
        Autograd.gradMode(training);
        try {
            NDArray x = in.apply(scope);
            x.setRequiresGradient(training);
            NDArray y = x;
            ActivationMeter meter = new ActivationMeter();
            for (int i = partition.first(group); i < partition.end(group); i++) {
                int layer = i;
                y = Scopes.freeIntermediates(y, meter, h -> Block.forward(h, weightsFor(layer, scope),
                        mask(x.getShape().get(1)), config, training, key, layer));
            }
            T out = send.apply(y);
            if (training) {
                passes.keep(micro, scope, x, y, meter.bytes());
            } else {
                scope.close();
            }
            return out;
        } finally {
            Autograd.gradMode(false);
        }
    }

    /** Backward of one micro-batch: accumulates weight gradients; returns {@code send} of the input's gradient. */
    <T> T backward(int micro, Function<NDManager, NDArray> upstream, Function<NDArray, T> send) {
        return passes.backward(micro, upstream, send);
    }

    private LayerWeights weightsFor(int layer, NDManager scope) {
        int root = ties.root(layer);
        LayerWeights w = partition.owns(group, root) ? own.get(root) : copies.get(root);
        if (w == null) {
            throw new IllegalStateException("group " + group + " has no weights for root " + root + " of layer " + layer);
        }
        return root != layer && mode == GradientMode.FROZEN ? w.detached(scope) : w;
    }

    private NDArray mask(long t) {
        return masks.computeIfAbsent(t, n -> {
            int size = (int) (long) n;
            float[] m = new float[size * size];
            for (int r = 0; r < size; r++) {
                for (int c = r + 1; c < size; c++) {
                    m[r * size + c] = Float.NEGATIVE_INFINITY;
                }
            }
            return manager.create(m, new Shape(size, size));
        });
    }

    /** The most activation bytes this group held at once in the current round. */
    long activationPeakBytes() {
        return passes.peakBytes();
    }

    /** Frees the activations of a round that will not be finished. */
    void dropPasses() {
        passes.clear();
    }

    /** Forgets an unfinished round: its activations and every gradient accumulated in it. */
    void discardRound() {
        passes.clear();
        for (LayerWeights w : own.values()) {
            w.tensors().forEach(Autograd::zeroGradient);
        }
        if (mode == GradientMode.SHARED) {
            for (LayerWeights w : copies.values()) {
                w.tensors().forEach(Autograd::zeroGradient);
            }
        }
    }

    // ---- gradients and the update ------------------------------------------------------------

    /**
     * The weight gradients of the copies of remote roots, grouped by the roots' groups; zeroes them.
     * Empty in frozen mode, where tied uses take no weight gradient.
     */
    SortedMap<Integer, List<Stage.LayerTensors>> followerGradients() {
        SortedMap<Integer, List<Stage.LayerTensors>> out = new TreeMap<>();
        if (mode == GradientMode.FROZEN) {
            return out;
        }
        for (Map.Entry<Integer, LayerWeights> e : copies.entrySet()) {
            List<Tensor> grads = new ArrayList<>();
            for (NDArray w : e.getValue().tensors()) {
                try (NDArray g = w.getGradient()) {
                    grads.add(Tensor.of(g));
                }
                Autograd.zeroGradient(w);
            }
            out.computeIfAbsent(partition.groupOf(e.getKey()), k -> new ArrayList<>())
                    .add(new Stage.LayerTensors(e.getKey(), grads));
        }
        return out;
    }

    /** Adds the gradients a follower group computed for this group's roots. */
    void addGradients(List<Stage.LayerTensors> layers) {
        try (NDManager scratch = manager.newSubManager()) {
            for (Stage.LayerTensors lt : layers) {
                List<NDArray> target = ownWeights(lt.layer()).tensors();
                for (int k = 0; k < target.size(); k++) {
                    NDArray g = target.get(k).getGradient();
                    g.attach(scratch);
                    g.addi(lt.tensors().get(k).toArray(scratch));
                }
            }
        }
    }

    /** Squared L2 norm of the roots' gradients (after follower gradients were added). */
    double squaredGradNorm() {
        double norm = GradClip.globalNorm(params());
        return norm * norm;
    }

    void update(double lr, double gradScale) {
        optimizer.step(params(), lr, gradScale);
    }

    /** Current weights of this group's roots that layers of {@code follower} compute with. */
    List<Stage.LayerTensors> weightsFor(int follower) {
        List<Stage.LayerTensors> out = new ArrayList<>();
        for (int r : partition.rootsFollowedBy(follower, group, ties)) {
            out.add(new Stage.LayerTensors(r, Tensor.of(ownWeights(r).tensors())));
        }
        return out;
    }

    /**
     * Handles over the storage of this group's roots that layers of {@code follower} compute with: no copy.
     * The handles are detached from this group's managers; the caller hands them to the follower, which
     * owns them from then on ({@link #adoptShared}).
     */
    List<Stage.SharedLayer> sharedWeightsFor(int follower) {
        List<Stage.SharedLayer> out = new ArrayList<>();
        for (int r : partition.rootsFollowedBy(follower, group, ties)) {
            List<NDArray> handles = new ArrayList<>();
            for (NDArray w : ownWeights(r).tensors()) {
                NDArray h = w.stopGradient(); // a new tensor over the same storage, outside the autograd graph
                h.detach();                    // no manager of this group frees it
                handles.add(h);
            }
            out.add(new Stage.SharedLayer(r, handles));
        }
        return out;
    }

    /**
     * Computes with remote roots' own storage from now on: takes ownership of the handles (attaches them to
     * this group's manager) and frees the copies or handles they replace. In shared gradient mode each
     * handle takes its own gradient, which {@link #followerGradients} sends to the root as before.
     */
    void adoptShared(List<Stage.SharedLayer> layers) {
        for (Stage.SharedLayer l : layers) {
            for (NDArray h : l.handles()) {
                h.attach(manager);
                h.setRequiresGradient(mode == GradientMode.SHARED);
            }
            LayerWeights old = copies.put(l.layer(), LayerWeights.of(l.handles()));
            if (old != null) {
                old.close();
            }
        }
    }

    /** Replaces copies of remote roots with their new weights. */
    void replaceCopies(List<Stage.LayerTensors> layers) {
        for (Stage.LayerTensors lt : layers) {
            LayerWeights old = copies.put(lt.layer(), loadCopy(lt.tensors()));
            if (old != null) {
                old.close();
            }
        }
    }

    List<Param> params() {
        List<Param> out = new ArrayList<>();
        own.forEach((layer, w) -> {
            List<NDArray> t = w.tensors();
            for (int k = 0; k < t.size(); k++) {
                out.add(new Param("h." + layer + "." + LayerWeights.NAMES.get(k), t.get(k), LayerWeights.decays(k)));
            }
        });
        return out;
    }

    // ---- ties ----------------------------------------------------------------------------------

    /** Weights and moments of one of this group's roots, for a snapshot or another group's untie. */
    Stage.LayerState export(int layer) {
        return export(layer, byte[]::new);
    }

    private Stage.LayerState export(int layer, IntFunction<byte[]> buffers) {
        LayerWeights w = ownWeights(layer);
        List<Tensor> m = new ArrayList<>();
        List<Tensor> v = new ArrayList<>();
        for (NDArray t : w.tensors()) {
            AdamW.Moments s = optimizer.moments(t);
            if (s == null) {
                return new Stage.LayerState(Tensor.of(w.tensors(), buffers), List.of(), List.of());
            }
            m.add(Tensor.of(s.m(), buffers));
            v.add(Tensor.of(s.v(), buffers));
        }
        return new Stage.LayerState(Tensor.of(w.tensors(), buffers), m, v);
    }

    /**
     * Moves to tie state {@code after} with what is at hand and returns what is missing: for each layer
     * that must be fetched from another group, whether its moments are needed too. Call {@link #complete}
     * with the fetched states.
     */
    Map<Integer, Boolean> beginRetie(TieMap after) {
        Map<Integer, Boolean> fetch = new TreeMap<>();
        for (int k = partition.first(group); k < partition.end(group); k++) {
            int before = ties.root(k);
            if (after.root(k) == k && before != k) {
                if (partition.owns(group, before)) {
                    untieLocally(k, before);
                } else {
                    fetch.put(before, true);
                }
            }
        }
        for (int r : partition.remoteRoots(group, after)) {
            if (!copies.containsKey(r)) {
                fetch.putIfAbsent(r, false);
            }
        }
        return fetch;
    }

    /** Finishes a retie begun with {@link #beginRetie}, given the fetched layers' states. */
    void complete(TieMap after, Map<Integer, Stage.LayerState> fetched) {
        for (int k = partition.first(group); k < partition.end(group); k++) {
            int before = ties.root(k);
            if (after.root(k) == k && before != k && !partition.owns(group, before)) {
                own.put(k, load(fetched.get(before), optimizer.stepCount()));
            }
            if (before == k && after.root(k) != k) {
                release(k);
            }
        }
        Set<Integer> needed = partition.remoteRoots(group, after);
        copies.keySet().removeIf(r -> {
            if (!needed.contains(r)) {
                copies.get(r).close();
                return true;
            }
            return false;
        });
        for (int r : needed) {
            if (!copies.containsKey(r)) {
                copies.put(r, loadCopy(fetched.get(r).weights()));
            }
        }
        ties = after;
    }

    private void untieLocally(int layer, int source) {
        LayerWeights from = own.get(source);
        LayerWeights to = from.copy(manager);
        for (int k = 0; k < LayerWeights.NAMES.size(); k++) {
            optimizer.copyState(from.tensors().get(k), to.tensors().get(k));
        }
        own.put(layer, to);
    }

    private void release(int layer) {
        LayerWeights w = own.remove(layer);
        for (NDArray t : w.tensors()) {
            optimizer.forget(t);
        }
        w.close();
    }

    // ---- loading -------------------------------------------------------------------------------

    private LayerWeights load(Stage.LayerState state, long adamSteps) {
        LayerWeights w = loadWeights(state.weights(), true);
        if (state.hasMoments()) {
            List<NDArray> t = w.tensors();
            for (int k = 0; k < t.size(); k++) {
                optimizer.restore(t.get(k), state.m().get(k).toArray(manager), state.v().get(k).toArray(manager),
                        adamSteps);
            }
        }
        return w;
    }

    private LayerWeights loadCopy(List<Tensor> weights) {
        return loadWeights(weights, mode == GradientMode.SHARED);
    }

    private LayerWeights loadWeights(List<Tensor> weights, boolean trainable) {
        List<NDArray> t = new ArrayList<>(weights.size());
        for (Tensor w : weights) {
            NDArray a = w.toArray(manager);
            a.setRequiresGradient(trainable);
            t.add(a);
        }
        return LayerWeights.of(t);
    }

    private LayerWeights ownWeights(int layer) {
        LayerWeights w = own.get(layer);
        if (w == null) {
            throw new IllegalStateException("group " + group + " does not own root " + layer);
        }
        return w;
    }

    TieMap ties() {
        return ties;
    }

    @Override
    public void close() {
        passes.clear();
        manager.close();
    }
}
