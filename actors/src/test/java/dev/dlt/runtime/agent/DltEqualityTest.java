package dev.dlt.runtime.agent;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.dlt.agent.AgentConfig;
import dev.dlt.agent.DltPolicy;
import dev.dlt.agent.Reward;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.runtime.ActorRuntime;
import dev.dlt.runtime.RuntimeSettings;
import dev.dlt.runtime.StageFaults;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dynamic layer tying end to end: the episode protocol with the Q-learning agent gives the same
 * decisions and the same per-step losses on the actor runtime (agent actor, coordinator, layer groups)
 * as on the local model.
 */
class DltEqualityTest {

    private static final int EPISODES = 2;
    private static final int K = 2;
    private static final Reward REWARD = new Reward.Improvement(0);
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static DltPolicy policy() {
        return new DltPolicy(AgentConfig.improved(EPISODES).withReward(REWARD).withSeed(11), CONFIG.layers());
    }

    /** Step losses, then one entry per decision: the action. */
    private record Run(List<Double> losses, List<Integer> actions) {}

    private static Run local(RuntimeSettings s) {
        List<Double> losses = new ArrayList<>();
        List<Integer> actions = new ArrayList<>();
        DltPolicy policy = policy();
        try (NDManager root = NDManager.newBaseManager();
             Gpt model = Gpt.create(s.model(), s.initialTies(), s.gradientMode(), root.newSubManager(), s.seed())) {
            AdamW opt = new AdamW(s.adam(), root.newSubManager());
            int step = 0;
            for (int e = 0; e < EPISODES; e++) {
                policy.startEpisode(e);
                for (int i = 1; i < CONFIG.layers(); i++) {
                    TieMap before = model.ties();
                    double lossBefore = TrainingStep.evaluate(model, batch(100));
                    int action = policy.decide(i, before);
                    actions.add(action);
                    if (action == i) {
                        model.untie(i, opt);
                    } else {
                        model.tie(i, action, opt);
                    }
                    for (int k = 0; k < K; k++, step++) {
                        losses.add(TrainingStep.run(model, opt, batch(step), LR, s.clipNorm(), key(step)).loss());
                    }
                    double lossAfter = TrainingStep.evaluate(model, batch(100));
                    TieMap after = model.ties();
                    policy.learn(i, before, action, REWARD.of(lossBefore, lossAfter, after.independentCount(),
                            CONFIG.layers()), after);
                }
                policy.endEpisode();
            }
        }
        return new Run(losses, actions);
    }

    private static Run actors(RuntimeSettings s) {
        List<Double> losses = new ArrayList<>();
        List<Integer> actions = new ArrayList<>();
        try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE)) {
            ActorRef<AgentActor.Command> agent = kit.spawn(AgentActor.create(policy(), rt.ties(), rt.coordinator()));
            TestProbe<AgentActor.Decision> probe = kit.createTestProbe();
            int step = 0;
            for (int e = 0; e < EPISODES; e++) {
                agent.tell(new AgentActor.StartEpisode(e));
                for (int i = 1; i < CONFIG.layers(); i++) {
                    double lossBefore = rt.evaluate(batch(100));
                    agent.tell(new AgentActor.Decide(i, probe.ref()));
                    AgentActor.Decision d = probe.receiveMessage();
                    assertNull(d.error());
                    assertArrayEquals(rt.ties().toArray(), d.after());
                    actions.add(d.action());
                    for (int k = 0; k < K; k++, step++) {
                        losses.add(rt.step(batch(step), LR, key(step)).loss());
                    }
                    double lossAfter = rt.evaluate(batch(100));
                    agent.tell(new AgentActor.Reward(i, REWARD.of(lossBefore, lossAfter,
                            TieMap.of(d.after()).independentCount(), CONFIG.layers())));
                }
                agent.tell(new AgentActor.EndEpisode());
            }
        }
        return new Run(losses, actions);
    }

    @Test
    void theAgentMakesTheSameDecisionsAndTheStepsGiveTheSameLosses() {
        RuntimeSettings s = settings(TieMap.allTiedToFirst(CONFIG.layers()), 2, 1);
        Run expected = local(s);
        Run actual = actors(s);
        assertEquals(expected.actions(), actual.actions());
        assertTrue(expected.actions().stream().anyMatch(a -> a != 0), "some decision changed a tie: " + expected.actions());
        assertEquals(expected.losses().size(), actual.losses().size());
        for (int k = 0; k < expected.losses().size(); k++) {
            assertTrue(relativeDifference(actual.losses().get(k), expected.losses().get(k)) <= 1e-5,
                    "step " + k + ": actors " + actual.losses().get(k) + ", local " + expected.losses().get(k));
        }
    }
}
