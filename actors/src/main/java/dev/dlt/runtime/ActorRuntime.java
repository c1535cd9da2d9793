package dev.dlt.runtime;

import com.typesafe.config.ConfigFactory;
import dev.dlt.model.data.Batch;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.runtime.pipeline.Coordinator;
import dev.dlt.runtime.stage.ModelInit;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The actor runtime behind a blocking API shaped like the local {@link TrainingStep}: the trainer loop
 * calls {@link #step} where it would call {@code TrainingStep.run}, and {@link #tie}/{@link #untie} where
 * it would call {@code Gpt.tie}/{@code Gpt.untie}. Calls may come from any one thread at a time; the work
 * runs on the stages' own threads. Tie changes requested while a step runs (for example by an
 * {@link dev.dlt.runtime.agent.AgentActor}) apply at the next step boundary.
 *
 * <p>Ownership: the runtime owns its actor system when made by {@link #start}; {@link #close()} then
 * terminates it, which frees every stage's native memory.
 */
public final class ActorRuntime implements AutoCloseable {

    private final ActorSystem<?> system;
    private final ActorRef<Coordinator.Command> coordinator;
    private final RuntimeSettings settings;
    private final boolean ownsSystem;

    private ActorRuntime(ActorSystem<?> system, ActorRef<Coordinator.Command> coordinator, RuntimeSettings settings,
                         boolean ownsSystem) {
        this.system = system;
        this.coordinator = coordinator;
        this.settings = settings;
        this.ownsSystem = ownsSystem;
    }

    /** Builds the model from {@code settings} and starts its pipeline in a new actor system named {@code dlt}. */
    public static ActorRuntime start(RuntimeSettings settings) {
        return start(settings, ModelInit.create(settings));
    }

    /**
     * Starts the pipeline from a given state (a checkpoint, or another runtime's {@link #snapshot()}):
     * weights, AdamW moments and counter; {@code settings.seed()} is not used for weights then.
     *
     * @throws IllegalArgumentException unless the state's ties are {@code settings.initialTies()}
     */
    public static ActorRuntime start(RuntimeSettings settings, ModelState state) {
        if (!state.tieMap().equals(settings.initialTies())) {
            throw new IllegalArgumentException("the model state has ties " + state.tieMap() + ", the settings "
                    + settings.initialTies());
        }
        return start(settings, new ModelInit(state));
    }

    private static ActorRuntime start(RuntimeSettings settings, ModelInit init) {
        ActorSystem<Coordinator.Command> system = ActorSystem.create(
                Coordinator.create(settings, init, StageFaults.NONE), "dlt", ConfigFactory.load());
        return new ActorRuntime(system, system, settings, true);
    }

    /**
     * Wraps a coordinator spawned elsewhere (tests, or an application's own guardian); {@link #close()}
     * stops the coordinator and its stages but leaves the system running.
     */
    public static ActorRuntime attach(ActorSystem<?> system, ActorRef<Coordinator.Command> coordinator,
                                      RuntimeSettings settings) {
        return new ActorRuntime(system, coordinator, settings, false);
    }

    /**
     * One training step; blocks until every stage has applied its update.
     *
     * @return the batch's mean loss, the global gradient norm before clipping and the activation bytes the
     *         stages held (the sum of each stage's peak in the step)
     * @throws IllegalStateException when the step failed (the stages are back at their state before it)
     */
    public TrainingStep.Result step(Batch batch, double lr, long stepKey) {
        Coordinator.StepReply r = await(stepAsync(batch, lr, stepKey));
        return new TrainingStep.Result(r.loss(), r.gradNorm(), r.activationBytes());
    }

    /** The non-blocking form of {@link #step}; the reply carries an error instead of throwing. */
    public CompletionStage<Coordinator.StepReply> stepAsync(Batch batch, double lr, long stepKey) {
        return ask(replyTo -> new Coordinator.TrainStep(batch, lr, stepKey, replyTo));
    }

    /** Mean loss of a batch without dropout or gradients. */
    public double evaluate(Batch batch) {
        Coordinator.EvalReply r = await(ask(replyTo -> new Coordinator.Evaluate(batch, replyTo)));
        if (r.error() != null) {
            throw new IllegalStateException(r.error());
        }
        return r.loss();
    }

    /**
     * Ties layer i to layer j's root; returns the tie state after the change. Blocks until applied.
     *
     * @throws IllegalArgumentException for an invalid tie (layer 0, unknown layer, j &gt;= i); nothing changes
     */
    public TieMap tie(int i, int j) {
        return tieReply(await(ask(replyTo -> new Coordinator.TieTo(i, j, replyTo))));
    }

    /** Gives layer i its own weights; a no-op for an independent layer. Returns the tie state after. */
    public TieMap untie(int i) {
        return tieReply(await(ask(replyTo -> new Coordinator.Untie(i, replyTo))));
    }

    /**
     * The whole model state — ties, every root's and the edge's weights with their AdamW moments, the AdamW
     * counter — after every call made before this one (so at a step boundary), copied out of the stages as
     * bytes. The stages keep training from where they were; a crash during the export is rolled back and
     * retried like an evaluation.
     *
     * @throws IllegalStateException when the export failed
     */
    public ModelState snapshot() {
        Coordinator.ModelReply r = await(ask(Coordinator.ExportModel::new));
        if (r.error() != null) {
            throw new IllegalStateException(r.error());
        }
        return r.state();
    }

    /** The tie state the stages compute with now. */
    public TieMap ties() {
        return tieReply(await(ask(Coordinator.GetTies::new)));
    }

    /** Trainable scalars under the current ties: shared tensors plus one block per root. */
    public long trainableParameters() {
        return settings.model().sharedParameters() + ties().independentCount() * settings.model().blockParameters();
    }

    public RuntimeSettings settings() {
        return settings;
    }

    /** The actor system the pipeline runs in (for streams and schedulers). */
    public ActorSystem<?> system() {
        return system;
    }

    public ActorRef<Coordinator.Command> coordinator() {
        return coordinator;
    }

    private static TieMap tieReply(Coordinator.TieReply r) {
        if (r.error() != null) {
            throw new IllegalArgumentException(r.error());
        }
        return TieMap.of(r.ties());
    }

    private <R> CompletionStage<R> ask(Function<ActorRef<R>, Coordinator.Command> message) {
        return AskPattern.ask(coordinator, message::apply, settings.timeout(), system.scheduler());
    }

    private <R> R await(CompletionStage<R> stage) {
        try {
            R r = stage.toCompletableFuture().get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (r instanceof Coordinator.StepReply s && s.error() != null) {
                throw new IllegalStateException(s.error());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the actor runtime", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the actor runtime did not answer within " + settings.timeout(), e);
        }
    }

    @Override
    public void close() {
        if (!ownsSystem) {
            coordinator.tell(new Coordinator.Stop());
        } else {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the actor system did not stop within 30 s", e);
            }
        }
    }

}
