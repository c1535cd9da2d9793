package dev.dlt.runtime.pipeline;

import dev.dlt.model.data.Batch;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.optim.GradClip;
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
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs the pipeline: spawns the edge stage and the layer groups (each on a pinned thread), hands out
 * their refs, and runs one job at a time — a training step, an evaluation, a tie change or a snapshot — in the order
 * the jobs arrived. A tie requested during a step is validated at once and applied at the next step
 * boundary. The coordinator is the only writer of the tie state; it holds no tensors.
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

    private final RuntimeSettings settings;
    private final Partition partition;
    private final List<ActorRef<Stage.Command>> groups = new ArrayList<>();
    private final ActorRef<Stage.Command> edge;
    private final Deque<Job> queue = new ArrayDeque<>();
    private final Jobs jobs;
    private TieMap ties;
    private TieMap pending;

    public static Behavior<Command> create(RuntimeSettings settings, ModelInit init, StageFaults faults) {
        return Behaviors.setup(ctx -> new Coordinator(ctx, settings, init, faults));
    }

    private Coordinator(ActorContext<Command> ctx, RuntimeSettings settings, ModelInit init, StageFaults faults) {
        super(ctx);
        this.settings = settings;
        this.partition = new Partition(settings.model().layers(), settings.groupSize());
        this.ties = settings.initialTies();
        this.pending = ties;
        DispatcherSelector pinned = DispatcherSelector.fromConfig(STAGE_DISPATCHER);
        int g = partition.groups();
        for (int k = 0; k < g; k++) {
            LayerGroupActor.Setup setup = new LayerGroupActor.Setup(k, partition, settings.model(),
                    settings.gradientMode(), settings.adam(), settings.snapshots(), settings.stageThreads());
            groups.add(ctx.spawn(LayerGroupActor.create(setup, init.groupSnapshot(k, partition, ties), ctx.getSelf(),
                    faults), "layer-group-" + k, pinned));
        }
        this.edge = ctx.spawn(EdgeActor.create(g, settings.model(), settings.adam(), init.edgeSnapshot(),
                settings.snapshots(), settings.stageThreads(), ctx.getSelf(), faults), "edge", pinned);
        Stage.Wire wire = new Stage.Wire(List.copyOf(groups), edge);
        groups.forEach(s -> s.tell(wire));
        edge.tell(wire);
        this.jobs = new Jobs();
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
                .onMessage(MicroLoss.class, m -> jobs.onLoss(m))
                .onMessage(BackwardDone.class, m -> jobs.onBackwardDone(m))
                .onMessage(GradNorm.class, m -> jobs.onGradNorm(m))
                .onMessage(Updated.class, m -> jobs.onUpdated(m))
                .onMessage(TiesApplied.class, m -> jobs.onTiesApplied(m))
                .onMessage(RolledBack.class, m -> jobs.onRolledBack(m))
                .onMessage(StageRestarted.class, m -> jobs.onRestart(m))
                .onMessage(GroupState.class, m -> jobs.onGroupState(m))
                .onMessage(EdgeState.class, m -> jobs.onEdgeState(m))
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

    // ---- jobs ----------------------------------------------------------------------------------

    /** A queued unit of work. */
    private sealed interface Job {
        record Step(TrainStep request) implements Job {}

        record Eval(Evaluate request) implements Job {}

        record Retie(int layer, int target, boolean untie, ActorRef<TieReply> replyTo) implements Job {}

        record Export(ExportModel request) implements Job {}
    }

    /** The job in progress and its schedule; every job (and every retry) runs in a fresh round. */
    private final class Jobs {
        private Job current;
        private PipelineSchedule schedule;
        private long round;
        private int attempt;
        private int acks;
        private TieMap retieTo;
        private boolean rollingBack;
        private String failure;
        private String broken;
        private final Map<Integer, GroupSnapshot> exported = new TreeMap<>();
        private EdgeActor.Snapshot edgeExported;

        void startNext() {
            while (current == null && !queue.isEmpty()) {
                current = queue.poll();
                attempt = 1;
                if (broken != null) {
                    fail(broken);
                } else {
                    launch();
                }
            }
        }

        private void launch() {
            round++;
            acks = 0;
            if (current instanceof Job.Step s) {
                launchPass(s.request().batch(), true);
            } else if (current instanceof Job.Eval e) {
                launchPass(e.request().batch(), false);
            } else if (current instanceof Job.Retie r) {
                retieTo = r.untie() ? ties.untie(r.layer()) : ties.tie(r.layer(), r.target());
                Stage.ApplyTies msg = new Stage.ApplyTies(round, ties.toArray(), retieTo.toArray());
                groups.forEach(g -> g.tell(msg));
            } else if (current instanceof Job.Export) {
                exported.clear();
                edgeExported = null;
                broadcast(new Stage.ExportState(round));
            }
        }

        private void launchPass(Batch b, boolean training) {
            schedule = new PipelineSchedule(b.batchSize(), settings.microBatches(), settings.maxInFlight(),
                    groups.size() + 1, training);
            sendForwards(b, training);
        }

        private void sendForwards(Batch b, boolean training) {
            long key = current instanceof Job.Step s ? s.request().stepKey() : 0L;
            for (int micro : schedule.nextForwards()) {
                int from = schedule.rowOffset(micro) * b.seqLen();
                int to = from + schedule.rows(micro) * b.seqLen();
                Dropout.Key rowsKey = new Dropout.Key(key, schedule.rowOffset(micro));
                edge.tell(new Stage.Embed(round, micro, training, rowsKey, schedule.rows(micro), b.seqLen(),
                        Arrays.copyOfRange(b.inputs(), from, to), Arrays.copyOfRange(b.targets(), from, to),
                        schedule.weight(micro)));
            }
        }

        private boolean live(long r) {
            return current != null && r == round && !rollingBack;
        }

        Behavior<Command> onLoss(MicroLoss m) {
            if (!live(m.round())) {
                return Coordinator.this;
            }
            schedule.lossReceived(m.micro(), m.loss());
            if (current instanceof Job.Step s) {
                sendForwards(s.request().batch(), true);
                schedule.nextBackwards().forEach(k -> edge.tell(new Stage.BackwardHead(round, k)));
            } else if (current instanceof Job.Eval e) {
                sendForwards(e.request().batch(), false);
                if (schedule.phase() == PipelineSchedule.Phase.DONE) {
                    e.request().replyTo().tell(new EvalReply(schedule.loss(), null));
                    finish();
                }
            }
            return Coordinator.this;
        }

        Behavior<Command> onBackwardDone(BackwardDone m) {
            if (!live(m.round())) {
                return Coordinator.this;
            }
            if (schedule.backwardDone(m.micro())) {
                broadcast(new Stage.Reduce(round));
            } else {
                schedule.nextBackwards().forEach(k -> edge.tell(new Stage.BackwardHead(round, k)));
            }
            return Coordinator.this;
        }

        Behavior<Command> onGradNorm(GradNorm m) {
            if (live(m.round()) && schedule.gradNormReceived(m.stage(), m.squared(), m.activationBytes())) {
                double scale = GradClip.scale(schedule.globalNorm(), settings.clipNorm());
                broadcast(new Stage.ApplyUpdate(round, ((Job.Step) current).request().lr(), scale));
            }
            return Coordinator.this;
        }

        Behavior<Command> onUpdated(Updated m) {
            if (live(m.round()) && schedule.updatedReceived(m.stage())) {
                TrainStep s = ((Job.Step) current).request();
                getContext().getLog().debug("step {}: loss {}, gradient norm {}, attempt {}", s.batch().step(),
                        schedule.loss(), schedule.globalNorm(), attempt);
                s.replyTo().tell(new StepReply(s.batch().step(), schedule.loss(), schedule.globalNorm(),
                        schedule.activationBytes(), null));
                finish();
            }
            return Coordinator.this;
        }

        Behavior<Command> onTiesApplied(TiesApplied m) {
            if (live(m.round()) && ++acks == groups.size()) {
                ties = retieTo;
                ((Job.Retie) current).replyTo().tell(new TieReply(true, ties.toArray(), null));
                finish();
            }
            return Coordinator.this;
        }

        Behavior<Command> onGroupState(GroupState m) {
            if (live(m.round())) {
                exported.put(m.group(), m.state());
                finishExport();
            }
            return Coordinator.this;
        }

        Behavior<Command> onEdgeState(EdgeState m) {
            if (live(m.round())) {
                edgeExported = m.state();
                finishExport();
            }
            return Coordinator.this;
        }

        /** Every stage's part in one state; the stages must agree on the ties and the AdamW counter. */
        private void finishExport() {
            if (edgeExported == null || exported.size() < groups.size()) {
                return;
            }
            Map<Integer, Stage.LayerState> roots = new TreeMap<>();
            for (GroupSnapshot g : exported.values()) {
                if (!Arrays.equals(g.ties(), ties.toArray()) || g.adamSteps() != edgeExported.adamSteps()) {
                    fail("found the stages disagreeing: ties " + Arrays.toString(g.ties()) + " vs " + ties
                            + ", AdamW steps " + g.adamSteps() + " vs " + edgeExported.adamSteps());
                    return;
                }
                roots.putAll(g.own());
            }
            ModelState state = new ModelState(ties.toArray(), edgeExported.state(), roots, edgeExported.adamSteps());
            ((Job.Export) current).request().replyTo().tell(new ModelReply(state, null));
            finish();
        }

        /**
         * A crashed stage restarted from its last good state. Before the update phase no stage has changed
         * its weights, so every stage rolls back to its last good state and the step is retried (or fails
         * after {@code maxAttempts}). During an update or a tie change the stages may disagree: the runtime
         * refuses all further work rather than train on a corrupted state.
         */
        Behavior<Command> onRestart(StageRestarted m) {
            getContext().getLog().warn("stage {} restarted: {}", m.stage(), m.cause());
            if (current == null || rollingBack) {
                return Coordinator.this;
            }
            boolean safe = current instanceof Job.Eval || current instanceof Job.Export
                    || current instanceof Job.Step && schedule.phase().compareTo(PipelineSchedule.Phase.UPDATE) < 0;
            if (!safe) {
                broken = "the actor runtime stopped: " + m.cause() + " while stages were changing their weights";
                fail(broken);
                return Coordinator.this;
            }
            failure = m.cause();
            rollingBack = true;
            round++;
            acks = 0;
            broadcast(new Stage.Rollback(round));
            return Coordinator.this;
        }

        Behavior<Command> onRolledBack(RolledBack m) {
            if (current == null || m.round() != round || ++acks < groups.size() + 1) {
                return Coordinator.this;
            }
            rollingBack = false;
            if (attempt < settings.maxAttempts()) {
                attempt++;
                launch();
            } else {
                fail("failed after " + attempt + " attempt(s); every stage is back at its state before the job. Last cause: "
                        + failure);
            }
            return Coordinator.this;
        }

        private void broadcast(Stage.Command msg) {
            groups.forEach(g -> g.tell(msg));
            edge.tell(msg);
        }

        private void fail(String error) {
            if (current instanceof Job.Step s) {
                s.request().replyTo().tell(new StepReply(s.request().batch().step(), Double.NaN, Double.NaN, -1,
                        "step " + s.request().batch().step() + " " + error));
            } else if (current instanceof Job.Eval e) {
                e.request().replyTo().tell(new EvalReply(Double.NaN, "evaluation " + error));
            } else if (current instanceof Job.Retie r) {
                r.replyTo().tell(new TieReply(false, ties.toArray(), "tie change " + error));
            } else if (current instanceof Job.Export x) {
                x.request().replyTo().tell(new ModelReply(null, "snapshot " + error));
            }
            finish();
        }

        private void finish() {
            current = null;
            schedule = null;
            startNext();
        }
    }
}
