package dev.dlt.runtime.stage;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.engine.IntraOpThreads;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.StageFaults;
import dev.dlt.runtime.pipeline.Coordinator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One group of consecutive layers: owns its roots' weights and AdamW moments ({@link GroupTensors}) on a
 * dedicated thread. A layer whose root lies in another group computes with the root's weights through
 * tensors of its own: handles over the root's very storage in the same JVM ({@code WeightsShared}), a
 * copy from bytes otherwise ({@code WeightsUpdated}). After backward their weight gradients go to the
 * root's group ({@code FollowerGradients}), which adds them to its own before the one update of the step,
 * then publishes the new weights.
 *
 * <p>Supervision: any exception restarts the group from its last good state (the end of the last step or
 * tie change it finished; with snapshots off, its live tensors minus the unfinished round) and tells the
 * coordinator, which rolls every stage back and retries the step or fails it. Messages of rounds the
 * group saw before the restart are dropped ({@link RoundGuard}).
 */
public final class LayerGroupActor extends AbstractBehavior<Stage.Command> {

    /**
     * The group's fixed facts; {@code intraOpThreads} is PyTorch's thread count on the group's thread, {@code
     * device} where it keeps its tensors.
     */
    public record Setup(int group, Partition partition, GptConfig config, GradientMode mode, AdamW.Settings adam,
                        boolean snapshots, int intraOpThreads, Device device) {}

    private final Setup setup;
    private final StageMemory<GroupSnapshot, GroupTensors> memory;
    private final ActorRef<Coordinator.Command> coordinator;
    private final RoundGuard rounds;
    private GroupTensors tensors;
    private Round state = new Round();

    /** Per-round exchange state, reset when a newer round starts. */
    private static final class Round {
        boolean reduceRequested;
        boolean reduced;
        final SortedMap<Integer, List<Stage.LayerTensors>> followerGradients = new TreeMap<>();
        boolean updatedSelf;
        boolean updated;
        final Set<Integer> weightsFrom = new TreeSet<>();
        TieMap retieTo;
        Map<Integer, Boolean> fetching = Map.of();
        final Map<Integer, Stage.LayerState> fetched = new HashMap<>();
    }

    public static Behavior<Stage.Command> create(Setup setup, GroupSnapshot initial,
                                                 ActorRef<Coordinator.Command> coordinator, StageFaults faults) {
        StageMemory<GroupSnapshot, GroupTensors> memory = new StageMemory<>(initial);
        return Behaviors.supervise(Behaviors.<Stage.Command>setup(
                        ctx -> new LayerGroupActor(ctx, setup, memory, coordinator, faults)))
                .onFailure(Exception.class, SupervisorStrategy.restart());
    }

    private LayerGroupActor(ActorContext<Stage.Command> ctx, Setup setup, StageMemory<GroupSnapshot, GroupTensors> memory,
                            ActorRef<Coordinator.Command> coordinator, StageFaults faults) {
        super(ctx);
        this.setup = setup;
        this.memory = memory;
        this.coordinator = coordinator;
        IntraOpThreads.set(setup.intraOpThreads());
        this.tensors = memory.live != null ? memory.live : restore();
        this.tensors.discardRound();
        if (!setup.snapshots()) {
            memory.live = tensors;
            memory.lastGood = null; // the live tensors are the state to come back to
        }
        this.rounds = new RoundGuard(setup.group(), "layer group " + setup.group(), memory, faults,
                this::startRound);
        if (memory.starts++ > 0) {
            coordinator.tell(new Coordinator.StageRestarted(setup.group(), memory.newestRound, memory.lastError));
        }
    }

    private GroupTensors restore() {
        return GroupTensors.restore(setup.group(), setup.partition(), setup.config(), setup.mode(), setup.adam(),
                setup.device(), memory.lastGood);
    }

    @Override
    public Receive<Stage.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Stage.Wire.class, m -> {
                    memory.wire(m);
                    return this;
                })
                .onMessage(Stage.Activations.class, m -> guard(m.round(), "forward",
                        () -> forward(m.micro(), m.training(), m.dropout(), Handoff.bytes(m.x()))))
                .onMessage(Stage.ActivationsShared.class, m -> adopting(m.round(), "forward", m.x(),
                        in -> forward(m.micro(), m.training(), m.dropout(), in)))
                .onMessage(Stage.Gradient.class, m -> guard(m.round(), "backward",
                        () -> backward(m.micro(), Handoff.bytes(m.dx()))))
                .onMessage(Stage.GradientShared.class, m -> adopting(m.round(), "backward", m.dx(),
                        upstream -> backward(m.micro(), upstream)))
                .onMessage(Stage.Reduce.class, m -> guard(m.round(), "reduce", this::onReduce))
                .onMessage(Stage.FollowerGradients.class, m -> guard(m.round(), "follower-gradients",
                        () -> onFollowerGradients(m)))
                .onMessage(Stage.ApplyUpdate.class, m -> guard(m.round(), "update", () -> onUpdate(m)))
                .onMessage(Stage.WeightsUpdated.class, m -> guard(m.round(), "weights", () -> onWeights(m)))
                .onMessage(Stage.WeightsShared.class, this::onShared)
                .onMessage(Stage.ApplyTies.class, m -> guard(m.round(), "ties", () -> onTies(m)))
                .onMessage(Stage.LayerExport.class, m -> guard(m.round(), "layer-export", () -> onExport(m)))
                .onMessage(Stage.ExportLayer.class, this::onExportRequest)
                .onMessage(Stage.ExportState.class, m -> guard(m.round(), "export", () -> coordinator.tell(
                        new Coordinator.GroupState(rounds.round(), setup.group(), tensors.snapshot()))))
                .onMessage(Stage.Rollback.class, this::onRollback)
                .onSignal(PreRestart.class, s -> setup.snapshots() ? closeTensors() : this)
                .onSignal(PostStop.class, s -> closeTensors())
                .build();
    }

    /** Runs a handler by the round rules of {@link RoundGuard}. */
    private Behavior<Stage.Command> guard(long msgRound, String event, Runnable handler) {
        rounds.run(msgRound, event, handler);
        return this;
    }

    private Behavior<Stage.Command> adopting(long msgRound, String event, NDArray handle,
                                             Consumer<Function<NDManager, NDArray>> handler) {
        rounds.runAdopting(msgRound, event, handle, handler);
        return this;
    }

    /** A newer round: the exchange state and the passes of the one before are gone. */
    private void startRound() {
        state = new Round();
        tensors.dropPasses();
    }

    // ---- the step ------------------------------------------------------------------------------

    /** Forward of one micro-batch; the output goes to the next group, or from the last one to the edge. */
    private void forward(int micro, boolean training, Dropout.Key key, Function<NDManager, NDArray> in) {
        int next = setup.group() + 1;
        ActorRef<Stage.Command> to = next < memory.groups.size() ? memory.groups.get(next) : memory.edge;
        boolean shared = Handoff.sharesMemory(getContext().getSystem(), to);
        to.tell(tensors.forward(micro, training, key, in,
                y -> Handoff.activations(shared, rounds.round(), micro, training, key, y)));
    }

    /** Backward of one micro-batch; the input's gradient goes to the group before, or from group 0 to the edge. */
    private void backward(int micro, Function<NDManager, NDArray> upstream) {
        int prev = setup.group() - 1;
        ActorRef<Stage.Command> to = prev >= 0 ? memory.groups.get(prev) : memory.edge;
        boolean shared = Handoff.sharesMemory(getContext().getSystem(), to);
        to.tell(tensors.backward(micro, upstream, dx -> Handoff.gradient(shared, rounds.round(), micro, dx)));
    }

    private void onReduce() {
        state.reduceRequested = true;
        tensors.followerGradients().forEach((g, layers) ->
                memory.groups.get(g).tell(new Stage.FollowerGradients(rounds.round(), setup.group(), layers)));
        finishReduce();
    }

    private void onFollowerGradients(Stage.FollowerGradients m) {
        state.followerGradients.put(m.fromGroup(), m.layers());
        finishReduce();
    }

    private void finishReduce() {
        Set<Integer> expected = setup.mode() == GradientMode.SHARED
                ? setup.partition().followerGroups(setup.group(), tensors.ties()) : Set.of();
        if (!state.reduceRequested || state.reduced || !state.followerGradients.keySet().equals(expected)) {
            return;
        }
        state.followerGradients.values().forEach(tensors::addGradients); // in group order: deterministic sums
        state.reduced = true;
        coordinator.tell(new Coordinator.GradNorm(rounds.round(), setup.group(), tensors.squaredGradNorm(),
                tensors.activationPeakBytes()));
    }

    /**
     * One AdamW update of the roots, then their new weights to every group that follows one: handles over
     * the very same storage to a group in this JVM, bytes otherwise (another node, or serialize-messages on).
     */
    private void onUpdate(Stage.ApplyUpdate m) {
        tensors.update(m.lr(), m.gradScale());
        for (int f : setup.partition().followerGroups(setup.group(), tensors.ties())) {
            ActorRef<Stage.Command> to = memory.groups.get(f);
            to.tell(Handoff.sharesMemory(getContext().getSystem(), to)
                    ? new Stage.WeightsShared(rounds.round(), setup.group(), tensors.sharedWeightsFor(f))
                    : new Stage.WeightsUpdated(rounds.round(), setup.group(), tensors.weightsFor(f)));
        }
        state.updatedSelf = true;
        finishUpdate();
    }

    private void onWeights(Stage.WeightsUpdated m) {
        tensors.replaceCopies(m.layers());
        weightsFrom(m.fromGroup());
    }

    /** Adopts a root's handles; a message of a stale round is dropped and its handles freed. */
    private Behavior<Stage.Command> onShared(Stage.WeightsShared m) {
        boolean[] adopted = {false};
        try {
            guard(m.round(), "shared-weights", () -> {
                tensors.adoptShared(m.layers());
                adopted[0] = true;
                weightsFrom(m.fromGroup());
            });
        } finally {
            if (!adopted[0]) {
                m.close();
            }
        }
        return this;
    }

    private void weightsFrom(int group) {
        state.weightsFrom.add(group);
        finishUpdate();
    }

    private void finishUpdate() {
        Set<Integer> expected = setup.partition().sourceGroups(setup.group(), tensors.ties());
        if (!state.updatedSelf || state.updated || !state.weightsFrom.equals(expected)) {
            return;
        }
        state.updated = true;
        saveGood();
        coordinator.tell(new Coordinator.Updated(rounds.round(), setup.group()));
    }

    // ---- tie changes ---------------------------------------------------------------------------

    private void onTies(Stage.ApplyTies m) {
        TieMap before = TieMap.of(m.before());
        if (!before.equals(tensors.ties())) {
            throw new IllegalStateException("group " + setup.group() + " is at " + tensors.ties()
                    + ", the coordinator thinks " + before);
        }
        state.retieTo = TieMap.of(m.after());
        state.fetching = tensors.beginRetie(state.retieTo);
        state.fetching.forEach((layer, withMoments) ->
                memory.groups.get(setup.partition().groupOf(layer))
                        .tell(new Stage.ExportLayer(rounds.round(), layer, withMoments, getContext().getSelf())));
        finishRetie();
    }

    private void onExport(Stage.LayerExport m) {
        state.fetched.put(m.layer(), m.state());
        finishRetie();
    }

    private void finishRetie() {
        if (state.retieTo == null || !state.fetched.keySet().containsAll(state.fetching.keySet())) {
            return;
        }
        tensors.complete(state.retieTo, state.fetched);
        state.retieTo = null;
        saveGood();
        coordinator.tell(new Coordinator.TiesApplied(rounds.round(), setup.group()));
    }

    private void saveGood() {
        if (setup.snapshots()) {
            memory.keepGood(tensors.snapshot(memory.buffers::take), GroupSnapshot::tensors);
        }
    }

    /** Answered in any round: the requester matches the reply to its own round. */
    private Behavior<Stage.Command> onExportRequest(Stage.ExportLayer m) {
        Stage.LayerState s = tensors.export(m.layer());
        if (!m.withMoments()) {
            s = new Stage.LayerState(s.weights(), List.of(), List.of());
        }
        m.replyTo().tell(new Stage.LayerExport(m.round(), m.layer(), s));
        return this;
    }

    /**
     * Before the update phase a step changes gradients and activations only, so dropping the round gives
     * back the last good state (a restarted group was already restored from it).
     */
    private Behavior<Stage.Command> onRollback(Stage.Rollback m) {
        tensors.discardRound();
        rounds.rollBack(m.round());
        state = new Round();
        coordinator.tell(new Coordinator.RolledBack(m.round(), setup.group()));
        return this;
    }

    private Behavior<Stage.Command> closeTensors() {
        if (tensors != null) {
            tensors.close();
            tensors = null;
        }
        return this;
    }
}
