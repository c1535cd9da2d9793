package dev.dlt.runtime.stage;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.engine.IntraOpThreads;
import dev.dlt.model.optim.AdamW;
import dev.dlt.runtime.StageFaults;
import dev.dlt.runtime.pipeline.Coordinator;
import java.util.HashMap;
import java.util.Map;
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
 * The first and last stage: embeds a micro-batch's tokens and sends the activations to group 0; takes the
 * last group's activations through the final LayerNorm and the head, reports the loss, and starts backward
 * from it. Owns {@link EdgeTensors} on a dedicated thread; supervised like a {@link LayerGroupActor}, and
 * drops or starts rounds by the same rules ({@link RoundGuard}).
 */
public final class EdgeActor extends AbstractBehavior<Stage.Command> {

    /** The edge's last good state: its four tensors with moments, and the AdamW counter. */
    public record Snapshot(Stage.LayerState state, long adamSteps) {}

    private record Micro(int rows, int seqLen, int[] targets, double weight) {}

    /**
     * The edge's fixed facts.
     *
     * @param stage          the edge's index in reports: the number of layer groups
     * @param intraOpThreads PyTorch's thread count on the edge's thread
     * @param device         where the edge keeps its tensors
     */
    public record Setup(int stage, GptConfig config, AdamW.Settings adam, boolean snapshots, int intraOpThreads,
                        Device device) {}

    private final Setup setup;
    private final int stage;
    private final StageMemory<Snapshot, EdgeTensors> memory;
    private final boolean snapshots;
    private final ActorRef<Coordinator.Command> coordinator;
    private final Map<Integer, Micro> micros = new HashMap<>();
    private final RoundGuard rounds;
    private EdgeTensors tensors;

    public static Behavior<Stage.Command> create(Setup setup, Snapshot initial,
                                                 ActorRef<Coordinator.Command> coordinator, StageFaults faults) {
        StageMemory<Snapshot, EdgeTensors> memory = new StageMemory<>(initial);
        return Behaviors.supervise(Behaviors.<Stage.Command>setup(ctx -> {
                    IntraOpThreads.set(setup.intraOpThreads()); // on the edge's own thread, before its first operator
                    return new EdgeActor(ctx, setup, memory, coordinator, faults);
                }))
                .onFailure(Exception.class, SupervisorStrategy.restart());
    }

    private EdgeActor(ActorContext<Stage.Command> ctx, Setup setup, StageMemory<Snapshot, EdgeTensors> memory,
                      ActorRef<Coordinator.Command> coordinator, StageFaults faults) {
        super(ctx);
        this.setup = setup;
        this.stage = setup.stage();
        this.memory = memory;
        this.coordinator = coordinator;
        this.snapshots = setup.snapshots();
        this.tensors = memory.live != null ? memory.live : restore();
        this.tensors.discardRound();
        if (!snapshots) {
            memory.live = tensors;
            memory.lastGood = null; // the live tensors are the state to come back to
        }
        this.rounds = new RoundGuard(stage, "edge stage", memory, faults, this::startRound);
        if (memory.starts++ > 0) {
            coordinator.tell(new Coordinator.StageRestarted(stage, memory.newestRound, memory.lastError));
        }
    }

    private EdgeTensors restore() {
        return EdgeTensors.restore(setup.config(), setup.adam(), setup.device(), memory.lastGood.state(),
                memory.lastGood.adamSteps());
    }

    @Override
    public Receive<Stage.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Stage.Wire.class, m -> {
                    memory.wire(m);
                    return this;
                })
                .onMessage(Stage.Embed.class, m -> guard(m.round(), "embed", () -> onEmbed(m)))
                .onMessage(Stage.Activations.class, m -> guard(m.round(), "head",
                        () -> head(m.micro(), m.training(), Handoff.bytes(m.x()))))
                .onMessage(Stage.ActivationsShared.class, m -> adopting(m.round(), "head", m.x(),
                        in -> head(m.micro(), m.training(), in)))
                .onMessage(Stage.BackwardHead.class, m -> guard(m.round(), "backward-head", () -> onBackwardHead(m)))
                .onMessage(Stage.Gradient.class, m -> guard(m.round(), "backward-embedding",
                        () -> backwardEmbedding(m.micro(), Handoff.bytes(m.dx()))))
                .onMessage(Stage.GradientShared.class, m -> adopting(m.round(), "backward-embedding", m.dx(),
                        upstream -> backwardEmbedding(m.micro(), upstream)))
                .onMessage(Stage.Reduce.class, m -> guard(m.round(), "reduce", () -> coordinator.tell(
                        new Coordinator.GradNorm(rounds.round(), stage, tensors.squaredGradNorm(),
                        tensors.activationPeakBytes()))))
                .onMessage(Stage.ApplyUpdate.class, m -> guard(m.round(), "update", () -> onUpdate(m)))
                .onMessage(Stage.ExportState.class, m -> guard(m.round(), "export", () -> coordinator.tell(
                        new Coordinator.EdgeState(rounds.round(),
                                new Snapshot(tensors.snapshot(), tensors.adamSteps())))))
                .onMessage(Stage.Rollback.class, this::onRollback)
                .onSignal(PreRestart.class, s -> snapshots ? closeTensors() : this)
                .onSignal(PostStop.class, s -> closeTensors())
                .build();
    }

    private Behavior<Stage.Command> guard(long msgRound, String event, Runnable handler) {
        rounds.run(msgRound, event, handler);
        return this;
    }

    private Behavior<Stage.Command> adopting(long msgRound, String event, NDArray handle,
                                             Consumer<Function<NDManager, NDArray>> handler) {
        rounds.runAdopting(msgRound, event, handle, handler);
        return this;
    }

    /** A newer round: the micro-batches and passes of the one before are gone. */
    private void startRound() {
        micros.clear();
        tensors.dropPasses();
    }

    private void onEmbed(Stage.Embed m) {
        micros.put(m.micro(), new Micro(m.rows(), m.seqLen(), m.targets(), m.weight()));
        ActorRef<Stage.Command> to = memory.groups.get(0);
        boolean shared = Handoff.sharesMemory(getContext().getSystem(), to);
        to.tell(tensors.embed(m.micro(), m.training(), m.dropout(), m.rows(), m.seqLen(), m.inputs(),
                x -> Handoff.activations(shared, rounds.round(), m.micro(), m.training(), m.dropout(), x)));
    }

    private void head(int micro, boolean training, Function<NDManager, NDArray> in) {
        Micro mb = micro(micro);
        double loss = tensors.head(micro, training, in, mb.rows(), mb.seqLen(), mb.targets());
        coordinator.tell(new Coordinator.MicroLoss(rounds.round(), micro, loss));
    }

    private void onBackwardHead(Stage.BackwardHead m) {
        ActorRef<Stage.Command> to = memory.groups.get(memory.groups.size() - 1);
        boolean shared = Handoff.sharesMemory(getContext().getSystem(), to);
        to.tell(tensors.backwardHead(m.micro(), micro(m.micro()).weight(),
                dx -> Handoff.gradient(shared, rounds.round(), m.micro(), dx)));
    }

    private void backwardEmbedding(int micro, Function<NDManager, NDArray> upstream) {
        tensors.backwardEmbedding(micro, upstream);
        coordinator.tell(new Coordinator.BackwardDone(rounds.round(), micro));
    }

    private void onUpdate(Stage.ApplyUpdate m) {
        tensors.update(m.lr(), m.gradScale());
        if (snapshots) {
            memory.keepGood(new Snapshot(tensors.snapshot(memory.buffers::take), tensors.adamSteps()),
                    s -> s.state().tensors());
        }
        coordinator.tell(new Coordinator.Updated(rounds.round(), stage));
    }

    private Micro micro(int micro) {
        Micro mb = micros.get(micro);
        if (mb == null) {
            throw new IllegalStateException("no micro-batch " + micro + " in round " + rounds.round());
        }
        return mb;
    }

    /** Before the update phase a step changes gradients and activations only: drop them. */
    private Behavior<Stage.Command> onRollback(Stage.Rollback m) {
        tensors.discardRound();
        rounds.rollBack(m.round());
        micros.clear();
        coordinator.tell(new Coordinator.RolledBack(m.round(), stage));
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
