package dev.dlt.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dlt.agent.AgentConfig;
import dev.dlt.agent.DltPolicy;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.pipeline.Coordinator;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent actor in a simulated environment: a scripted coordinator applies its tie requests, and the
 * reward pays for layers whose root matches one target pattern (the improvement in matches, as the
 * {@code improvement} reward would). The agent must learn the pattern.
 */
class AgentActorTest {

    private static final TieMap TARGET = TieMap.of(0, 1, 1, 3, 3, 5);
    private static final int EPISODES = 200;
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** A coordinator that applies tie requests at once (there are no steps) and remembers the state. */
    private static Behavior<Coordinator.Command> scriptedCoordinator(AtomicReference<TieMap> ties) {
        return Behaviors.receive(Coordinator.Command.class)
                .onMessage(Coordinator.TieTo.class, m -> reply(ties, m.replyTo(), () -> ties.get().tie(m.layer(), m.target())))
                .onMessage(Coordinator.Untie.class, m -> reply(ties, m.replyTo(), () -> ties.get().untie(m.layer())))
                .build();
    }

    private static Behavior<Coordinator.Command> reply(AtomicReference<TieMap> ties, ActorRef<Coordinator.TieReply> to,
                                                       java.util.function.Supplier<TieMap> change) {
        try {
            TieMap next = change.get();
            boolean changed = !next.equals(ties.get());
            ties.set(next);
            to.tell(new Coordinator.TieReply(changed, next.toArray(), null));
        } catch (IllegalArgumentException e) {
            to.tell(new Coordinator.TieReply(false, ties.get().toArray(), e.getMessage()));
        }
        return Behaviors.same();
    }

    private static int matches(int[] s) {
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            n += TARGET.root(i) == s[i] ? 1 : 0;
        }
        return n;
    }

    @Test
    void learnsThePayingPatternFromScriptedRewards() {
        DltPolicy policy = new DltPolicy(AgentConfig.improved(EPISODES).withSeed(3), 6);
        AtomicReference<TieMap> ties = new AtomicReference<>(policy.initialState());
        ActorRef<Coordinator.Command> coordinator = kit.spawn(scriptedCoordinator(ties));
        ActorRef<AgentActor.Command> agent = kit.spawn(AgentActor.create(policy, ties.get(), coordinator));
        TestProbe<AgentActor.Decision> probe = kit.createTestProbe();
        for (int e = 0; e < EPISODES; e++) {
            agent.tell(new AgentActor.StartEpisode(e));
            for (int layer = 1; layer < 6; layer++) {
                agent.tell(new AgentActor.Decide(layer, probe.ref()));
                AgentActor.Decision d = probe.receiveMessage();
                assertNull(d.error());
                assertArrayEquals(ties.get().toArray(), d.after(), "the agent's view is the coordinator's state");
                agent.tell(new AgentActor.Reward(layer, matches(d.after()) - matches(d.before())));
            }
            agent.tell(new AgentActor.EndEpisode());
        }
        TieMap greedy = policy.initialState();
        for (int layer = 1; layer < 6; layer++) {
            greedy = greedy.apply(layer, policy.greedyAction(layer, greedy));
        }
        assertEquals(TARGET, greedy, "after " + EPISODES + " episodes the greedy pass finds the paying pattern");
    }

    @Test
    void aRejectedRequestIsReportedAndLeavesTheStateAlone() {
        AtomicReference<TieMap> ties = new AtomicReference<>(TieMap.allTiedToFirst(4));
        ActorRef<Coordinator.Command> coordinator = kit.spawn(scriptedCoordinator(ties));
        DltPolicy policy = new DltPolicy(AgentConfig.reference(), 4);
        ActorRef<AgentActor.Command> agent = kit.spawn(AgentActor.create(policy, ties.get(), coordinator));
        TestProbe<AgentActor.Decision> probe = kit.createTestProbe();
        agent.tell(new AgentActor.Decide(0, probe.ref())); // the agent decides for layers 1..L-1 only
        assertNotNull(probe.receiveMessage().error());
        assertEquals(TieMap.allTiedToFirst(4), ties.get());
    }
}
