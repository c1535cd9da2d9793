package dev.dlt.runtime.pipeline;

import dev.dlt.model.data.Batch;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.CborSerializable;
import dev.dlt.runtime.ModelState;
import dev.dlt.runtime.RuntimeSettings;
import dev.dlt.runtime.StageFaults;
import dev.dlt.runtime.stage.EdgeActor;
import dev.dlt.runtime.stage.GroupSnapshot;
import dev.dlt.runtime.stage.LayerGroupActor;
import dev.dlt.runtime.stage.ModelInit;
import dev.dlt.runtime.stage.Partition;
import dev.dlt.runtime.stage.Stage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.japi.function.Function;

/**
 * Runs the pipeline: spawns the edge stage and the layer groups (each on a pinned thread), hands out
 * their refs, and queues jobs — a training step, an evaluation, a tie change or a snapshot — that its
 * {@link JobRunner} runs one at a time in the order they arrived; the stages' reports go to the runner. A
 * tie requested during a step is validated at once and applied at the next step boundary. The coordinator
 * is the only writer of the tie state; it holds no tensors.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

    /** Dispatcher of the stages: one thread per stage actor (see {@code reference.conf}). */
    public static final String STAGE_DISPATCHER = "dlt.runtime.stage-dispatcher";

    public sealed interface Command extends CborSerializable
            permits TrainStep, Evaluate, TieTo, Untie, GetTies, ExportModel, Stop, MicroLoss, BackwardDone, GradNorm,
            Updated, TiesApplied, RolledBack, StageRestarted, GroupState, EdgeState {}

    // ---- public protocol -----------------------------------------------------------------------

    /** One training step on {@code batch} with learning rate {@code lr} and dropout key {@code stepKey}. */
    public record TrainStep(Batch batch, double lr, long stepKey, ActorRef<StepReply> replyTo) implements Command {}

    /** Mean loss of a batch without dropout or gradients. */
    public record Evaluate(Batch batch, ActorRef<EvalReply> replyTo) implements Command {}

    /** Layer {@code layer} computes with layer {@code target}'s root's weights from the next boundary on. */
    public record TieTo(int layer, int target, ActorRef<TieReply> replyTo) implements Command {}

    /** Layer {@code layer} gets its own copy of its root's weights and moments from the next boundary on. */
    public record Untie(int layer, ActorRef<TieReply> replyTo) implements Command {}

    public record GetTies(ActorRef<TieReply> replyTo) implements Command {}

    /** The whole model state after every job queued before this one (a step boundary), for a checkpoint. */
    public record ExportModel(ActorRef<ModelReply> replyTo) implements Command {}

    /** Stops the coordinator and with it every stage (each frees its native memory on its own thread). */
    public record Stop() implements Command {}

    /**
     * @param error           null on success; then the step's mean loss and its gradient norm before clipping
     * @param activationBytes the sum over stages of the most activation bytes each held at once in the step
     *                        (exact for GPipe with every micro-batch in flight, else an upper bound)
     */
    public record StepReply(long step, double loss, double gradNorm, long activationBytes, String error)
            implements CborSerializable {}

    public record EvalReply(double loss, String error) implements CborSerializable {}

    /** @param error null on success, then {@code state} is the model's state */
    public record ModelReply(ModelState state, String error) implements CborSerializable {}

    /**
     * @param changed whether the request changed the tie state (false for a no-op or a rejection)
     * @param ties    the tie state after the request was applied (or the current one)
     * @param error   null unless the request was rejected
     */
    public record TieReply(boolean changed, int[] ties, String error) implements CborSerializable {}

    // ---- reports from the stages ---------------------------------------------------------------

    public record MicroLoss(long round, int micro, double loss) implements Command {}

    public record BackwardDone(long round, int micro) implements Command {}

    /** A stage's squared gradient norm, and the most activation bytes it held at once in the step. */
    public record GradNorm(long round, int stage, double squared, long activationBytes) implements Command {}

    public record Updated(long round, int stage) implements Command {}

    public record TiesApplied(long round, int stage) implements Command {}

    public record RolledBack(long round, int stage) implements Command {}

    public record GroupState(long round, int group, GroupSnapshot state) implements Command {}

    public record EdgeState(long round, EdgeActor.Snapshot state) implements Command {}

    /** A stage was restarted by its supervisor from its last good state. */
    public record StageRestarted(int stage, long newestRound, String cause) implements Command {}

    // ---- state ---------------------------------------------------------------------------------

    private final List<ActorRef<Stage.Command>> groups = new ArrayList<>();
    private final ActorRef<Stage.Command> edge;
    private final Deque<Job> queue = new ArrayDeque<>();
    private final JobRunner jobs;
    private TieMap ties;
    private TieMap pending;

    public static Behavior<Command> create(RuntimeSettings settings, ModelInit init, StageFaults faults) {
        return Behaviors.setup(ctx -> new Coordinator(ctx, settings, init, faults));
    }

    private Coordinator(ActorContext<Command> ctx, RuntimeSettings settings, ModelInit init, StageFaults faults) {
        super(ctx);
        Partition partition = new Partition(settings.model().layers(), settings.groupSize());
        this.ties = settings.initialTies();
        this.pending = ties;
        DispatcherSelector pinned = DispatcherSelector.fromConfig(STAGE_DISPATCHER);
        int g = partition.groups();
        for (int k = 0; k < g; k++) {
            LayerGroupActor.Setup setup = new LayerGroupActor.Setup(k, partition, settings.model(),
                    settings.gradientMode(), settings.adam(), settings.snapshots(), settings.stageThreads(),
                    settings.device());
            groups.add(ctx.spawn(LayerGroupActor.create(setup, init.groupSnapshot(k, partition, ties), ctx.getSelf(),
                    faults), "layer-group-" + k, pinned));
        }
        EdgeActor.Setup edgeSetup = new EdgeActor.Setup(g, settings.model(), settings.adam(), settings.snapshots(),
                settings.stageThreads(), settings.device());
        this.edge = ctx.spawn(EdgeActor.create(edgeSetup, init.edgeSnapshot(), ctx.getSelf(), faults), "edge", pinned);
        Stage.Wire wire = new Stage.Wire(List.copyOf(groups), edge);
        groups.forEach(s -> s.tell(wire));
        edge.tell(wire);
        this.jobs = new JobRunner(settings, groups, edge, new RunnerOwner(), ctx.getLog());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(TrainStep.class, m -> enqueue(new Job.Step(m)))
                .onMessage(Evaluate.class, m -> enqueue(new Job.Eval(m)))
                .onMessage(TieTo.class, m -> onTieRequest(m.layer(), m.target(), false, m.replyTo()))
                .onMessage(Untie.class, m -> onTieRequest(m.layer(), m.layer(), true, m.replyTo()))
                .onMessage(GetTies.class, m -> {
                    m.replyTo().tell(new TieReply(false, ties.toArray(), null));
                    return this;
                })
                .onMessage(ExportModel.class, m -> enqueue(new Job.Export(m)))
                .onMessage(Stop.class, m -> Behaviors.stopped())
                .onMessage(MicroLoss.class, toJobs(jobs::onLoss))
                .onMessage(BackwardDone.class, toJobs(jobs::onBackwardDone))
                .onMessage(GradNorm.class, toJobs(jobs::onGradNorm))
                .onMessage(Updated.class, toJobs(jobs::onUpdated))
                .onMessage(TiesApplied.class, toJobs(jobs::onTiesApplied))
                .onMessage(RolledBack.class, toJobs(jobs::onRolledBack))
                .onMessage(StageRestarted.class, toJobs(jobs::onRestart))
                .onMessage(GroupState.class, toJobs(jobs::onGroupState))
                .onMessage(EdgeState.class, toJobs(jobs::onEdgeState))
                .build();
    }

    /**
     * Validates against the state after every queued change (so a bad request is rejected at once and
     * changes nothing), then queues the change for the next boundary.
     */
    private Behavior<Command> onTieRequest(int layer, int target, boolean untie, ActorRef<TieReply> replyTo) {
        TieMap next;
        try {
            next = untie ? pending.untie(layer) : pending.tie(layer, target);
        } catch (IllegalArgumentException e) {
            replyTo.tell(new TieReply(false, ties.toArray(), e.getMessage()));
            return this;
        }
        if (next.equals(pending)) {
            replyTo.tell(new TieReply(false, pending.toArray(), null));
            return this;
        }
        pending = next;
        return enqueue(new Job.Retie(layer, target, untie, replyTo));
    }

    private Behavior<Command> enqueue(Job job) {
        queue.add(job);
        jobs.startNext();
        return this;
    }

    /** A stage's report goes to the job in progress; the coordinator's behaviour stays the same. */
    private <M extends Command> Function<M, Behavior<Command>> toJobs(Consumer<M> handler) {
        return m -> {
            handler.accept(m);
            return this;
        };
    }

    /** What the job runner sees of the coordinator: the queue and the applied ties, both owned here. */
    private final class RunnerOwner implements JobRunner.Owner {
        @Override
        public Job nextJob() {
            return queue.poll();
        }

        @Override
        public TieMap ties() {
            return ties;
        }

        @Override
        public void tiesApplied(TieMap applied) {
            ties = applied;
        }
    }
}
