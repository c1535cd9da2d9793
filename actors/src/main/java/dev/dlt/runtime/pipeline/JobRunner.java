package dev.dlt.runtime.pipeline;

import dev.dlt.model.data.Batch;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.optim.GradClip;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.ModelState;
import dev.dlt.runtime.RuntimeSettings;
import dev.dlt.runtime.pipeline.Coordinator.BackwardDone;
import dev.dlt.runtime.pipeline.Coordinator.EdgeState;
import dev.dlt.runtime.pipeline.Coordinator.EvalReply;
import dev.dlt.runtime.pipeline.Coordinator.GradNorm;
import dev.dlt.runtime.pipeline.Coordinator.GroupState;
import dev.dlt.runtime.pipeline.Coordinator.MicroLoss;
import dev.dlt.runtime.pipeline.Coordinator.ModelReply;
import dev.dlt.runtime.pipeline.Coordinator.RolledBack;
import dev.dlt.runtime.pipeline.Coordinator.StageRestarted;
import dev.dlt.runtime.pipeline.Coordinator.StepReply;
import dev.dlt.runtime.pipeline.Coordinator.TieReply;
import dev.dlt.runtime.pipeline.Coordinator.TiesApplied;
import dev.dlt.runtime.pipeline.Coordinator.TrainStep;
import dev.dlt.runtime.pipeline.Coordinator.Updated;
import dev.dlt.runtime.stage.EdgeActor;
import dev.dlt.runtime.stage.GroupSnapshot;
import dev.dlt.runtime.stage.Stage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;

/**
 * The {@link Coordinator}'s job state machine: takes the next queued {@link Job}, drives the stages through
 * it (a step's forwards, backwards, reduction and update; a tie change; an export), answers its requester,
 * and on a stage restart rolls every stage back and retries the job, or refuses all further work when
 * the stages may disagree. Every job (and every retry) runs in a fresh round.
 *
 * <p>Not thread-safe: it runs inside the coordinator, on the coordinator's thread, and holds no tensors.
 * The job queue and the tie state stay with the coordinator ({@link Owner}); the runner takes jobs from it
 * and tells it when a tie change is applied.
 */
final class JobRunner {

    /** The coordinator's side: it owns the job queue and the tie state. */
    interface Owner {
        /** The next queued job, or null when the queue is empty. */
        Job nextJob();

        /** The ties the stages compute with. */
        TieMap ties();

        /** Every group applied {@code ties}; the stages compute with them from now on. */
        void tiesApplied(TieMap ties);
    }

    private final RuntimeSettings settings;
    private final List<ActorRef<Stage.Command>> groups;
    private final ActorRef<Stage.Command> edge;
    private final Owner owner;
    private final Logger log;
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

    /** @param log the coordinator's logger, so the runner's lines keep the coordinator's name */
    JobRunner(RuntimeSettings settings, List<ActorRef<Stage.Command>> groups, ActorRef<Stage.Command> edge,
              Owner owner, Logger log) {
        this.settings = settings;
        this.groups = List.copyOf(groups);
        this.edge = edge;
        this.owner = owner;
        this.log = log;
    }

    /** Starts queued jobs until one is in progress or the queue is empty. */
    void startNext() {
        while (current == null) {
            current = owner.nextJob();
            if (current == null) {
                return;
            }
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
            TieMap ties = owner.ties();
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

    /** Whether a report of round {@code r} belongs to the job in progress. */
    private boolean live(long r) {
        return current != null && r == round && !rollingBack;
    }

    // ---- a step or an evaluation ---------------------------------------------------------------

    void onLoss(MicroLoss m) {
        if (!live(m.round())) {
            return;
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
    }

    void onBackwardDone(BackwardDone m) {
        if (!live(m.round())) {
            return;
        }
        if (schedule.backwardDone(m.micro())) {
            broadcast(new Stage.Reduce(round));
        } else {
            schedule.nextBackwards().forEach(k -> edge.tell(new Stage.BackwardHead(round, k)));
        }
    }

    void onGradNorm(GradNorm m) {
        if (live(m.round()) && schedule.gradNormReceived(m.stage(), m.squared(), m.activationBytes())) {
            double scale = GradClip.scale(schedule.globalNorm(), settings.clipNorm());
            broadcast(new Stage.ApplyUpdate(round, ((Job.Step) current).request().lr(), scale));
        }
    }

    void onUpdated(Updated m) {
        if (live(m.round()) && schedule.updatedReceived(m.stage())) {
            TrainStep s = ((Job.Step) current).request();
            log.debug("step {}: loss {}, gradient norm {}, attempt {}", s.batch().step(), schedule.loss(),
                    schedule.globalNorm(), attempt);
            s.replyTo().tell(new StepReply(s.batch().step(), schedule.loss(), schedule.globalNorm(),
                    schedule.activationBytes(), null));
            finish();
        }
    }

    // ---- a tie change --------------------------------------------------------------------------

    void onTiesApplied(TiesApplied m) {
        if (live(m.round()) && ++acks == groups.size()) {
            owner.tiesApplied(retieTo);
            ((Job.Retie) current).replyTo().tell(new TieReply(true, retieTo.toArray(), null));
            finish();
        }
    }

    // ---- an export -----------------------------------------------------------------------------

    void onGroupState(GroupState m) {
        if (live(m.round())) {
            exported.put(m.group(), m.state());
            finishExport();
        }
    }

    void onEdgeState(EdgeState m) {
        if (live(m.round())) {
            edgeExported = m.state();
            finishExport();
        }
    }

    /** Every stage's part in one state; the stages must agree on the ties and the AdamW counter. */
    private void finishExport() {
        if (edgeExported == null || exported.size() < groups.size()) {
            return;
        }
        TieMap ties = owner.ties();
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

    // ---- failures ------------------------------------------------------------------------------

    /**
     * A crashed stage restarted from its last good state. Before the update phase no stage has changed
     * its weights, so every stage rolls back to its last good state and the step is retried (or fails
     * after {@code maxAttempts}). During an update or a tie change the stages may disagree: the runtime
     * refuses all further work rather than train on a corrupted state.
     */
    void onRestart(StageRestarted m) {
        log.warn("stage {} restarted: {}", m.stage(), m.cause());
        if (current == null || rollingBack) {
            return;
        }
        boolean safe = current instanceof Job.Eval || current instanceof Job.Export
                || current instanceof Job.Step && schedule.phase().compareTo(PipelineSchedule.Phase.UPDATE) < 0;
        if (!safe) {
            broken = "the actor runtime stopped: " + m.cause() + " while stages were changing their weights";
            fail(broken);
            return;
        }
        failure = m.cause();
        rollingBack = true;
        round++;
        acks = 0;
        broadcast(new Stage.Rollback(round));
    }

    void onRolledBack(RolledBack m) {
        if (current == null || m.round() != round || ++acks < groups.size() + 1) {
            return;
        }
        rollingBack = false;
        if (attempt < settings.maxAttempts()) {
            attempt++;
            launch();
        } else {
            fail("failed after " + attempt + " attempt(s); every stage is back at its state before the job. Last cause: "
                    + failure);
        }
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
            r.replyTo().tell(new TieReply(false, owner.ties().toArray(), "tie change " + error));
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
