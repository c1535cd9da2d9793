package dev.dlt.runtime.agent;

import dev.dlt.agent.TiePolicy;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.CborSerializable;
import dev.dlt.runtime.pipeline.Coordinator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Wraps a {@link TiePolicy} in the episode protocol of {@link TiePolicy}'s javadoc: at a decision point
 * the trainer sends {@link Decide}; the agent picks an action and sends {@code TieTo(j)} or {@code Untie}
 * to the coordinator, which applies it at the next step boundary (never inside a step) and answers; the
 * agent then replies {@link Decision}. After the K training steps the trainer sends the {@link Reward}
 * and the policy learns from the decision it belongs to. One decision at a time.
 */
public final class AgentActor extends AbstractBehavior<AgentActor.Command> {

    public sealed interface Command extends CborSerializable
            permits StartEpisode, Decide, Reward, Learn, EndEpisode, TieDone {}

    public record StartEpisode(int episode) implements Command {}

    /** Choose and apply an action for layer {@code layer} (1..L−1). */
    public record Decide(int layer, ActorRef<Decision> replyTo) implements Command {}

    /**
     * @param action j &lt; layer ties to j, {@code layer} makes it independent
     * @param before the tie state the action was chosen in
     * @param after  the tie state the coordinator applied (equal to {@code before} for a no-op)
     * @param error  null unless the decision could not be applied
     */
    public record Decision(int layer, int action, int[] before, int[] after, String error) implements CborSerializable {}

    /** The reward of the last decision for {@code layer}, as {@link dev.dlt.agent.Reward} computes it. */
    public record Reward(int layer, double reward) implements Command {}

    /**
     * The reward of a decision named in full, so the policy learns from it even when this actor did not see
     * the decision (a run resumed from a checkpoint between a decision and its reward).
     */
    public record Learn(int layer, int[] before, int action, int[] after, double reward) implements Command {}

    public record EndEpisode() implements Command {}

    /** The coordinator's answer to the tie request of the decision in progress. */
    private record TieDone(Coordinator.TieReply reply) implements Command {}

    private record Pending(int layer, int action, TieMap before, ActorRef<Decision> replyTo) {}

    private final TiePolicy policy;
    private final ActorRef<Coordinator.Command> coordinator;
    private final ActorRef<Coordinator.TieReply> tieReplies;
    private TieMap state;
    private Pending pending;
    private Decision last;

    /** @param start the tie state the runtime is in now (normally {@code policy.initialState()}) */
    public static Behavior<Command> create(TiePolicy policy, TieMap start, ActorRef<Coordinator.Command> coordinator) {
        return Behaviors.setup(ctx -> new AgentActor(ctx, policy, start, coordinator));
    }

    private AgentActor(ActorContext<Command> ctx, TiePolicy policy, TieMap start,
                       ActorRef<Coordinator.Command> coordinator) {
        super(ctx);
        this.policy = policy;
        this.state = start;
        this.coordinator = coordinator;
        this.tieReplies = ctx.messageAdapter(Coordinator.TieReply.class, TieDone::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(StartEpisode.class, m -> {
                    policy.startEpisode(m.episode());
                    return this;
                })
                .onMessage(Decide.class, this::onDecide)
                .onMessage(TieDone.class, this::onTieDone)
                .onMessage(Reward.class, this::onReward)
                .onMessage(Learn.class, m -> {
                    policy.learn(m.layer(), TieMap.of(m.before()), m.action(), m.reward(), TieMap.of(m.after()));
                    if (last != null && last.layer() == m.layer()) {
                        last = null;
                    }
                    return this;
                })
                .onMessage(EndEpisode.class, m -> {
                    policy.endEpisode();
                    return this;
                })
                .build();
    }

    private Behavior<Command> onDecide(Decide m) {
        if (pending != null) {
            m.replyTo().tell(new Decision(m.layer(), -1, state.toArray(), state.toArray(),
                    "a decision for layer " + pending.layer() + " is still being applied"));
            return this;
        }
        int action;
        try {
            action = policy.decide(m.layer(), state);
        } catch (IllegalArgumentException e) {
            m.replyTo().tell(new Decision(m.layer(), -1, state.toArray(), state.toArray(), e.getMessage()));
            return this;
        }
        pending = new Pending(m.layer(), action, state, m.replyTo());
        coordinator.tell(action == m.layer()
                ? new Coordinator.Untie(m.layer(), tieReplies)
                : new Coordinator.TieTo(m.layer(), action, tieReplies));
        return this;
    }

    private Behavior<Command> onTieDone(TieDone m) {
        Pending p = pending;
        pending = null;
        if (p == null) {
            return this;
        }
        if (m.reply().error() != null) {
            p.replyTo().tell(new Decision(p.layer(), p.action(), p.before().toArray(), state.toArray(), m.reply().error()));
            return this;
        }
        state = TieMap.of(m.reply().ties());
        last = new Decision(p.layer(), p.action(), p.before().toArray(), state.toArray(), null);
        p.replyTo().tell(last);
        return this;
    }

    private Behavior<Command> onReward(Reward m) {
        if (last == null || last.layer() != m.layer()) {
            getContext().getLog().warn("reward for layer {} without a decision for it; ignored", m.layer());
            return this;
        }
        policy.learn(m.layer(), TieMap.of(last.before()), last.action(), m.reward(), TieMap.of(last.after()));
        last = null;
        return this;
    }
}
