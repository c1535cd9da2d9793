package dev.dlt.agent;

import dev.dlt.model.tie.TieMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DltPolicyTest {

    private static final TieMap TARGET = TieMap.of(0, 1, 1, 3, 3, 5);

    /** Drives the protocol for {@code episodes} episodes and records every action. */
    private static List<Integer> run(TiePolicy policy, int fromEpisode, int episodes, TieMap[] state) {
        List<Integer> actions = new ArrayList<>();
        for (int e = fromEpisode; e < fromEpisode + episodes; e++) {
            policy.startEpisode(e);
            for (int i = 1; i < policy.layers(); i++) {
                int action = policy.decide(i, state[0]);
                actions.add(action);
                TieMap after = state[0].apply(i, action);
                double reward = new SyntheticEnvironment(TARGET, false).reward(after);
                policy.learn(i, state[0], action, reward, after);
                state[0] = after;
            }
            policy.endEpisode();
        }
        return actions;
    }

    @Test
    void sameSeedGivesTheSameDecisions() {
        AgentConfig config = AgentConfig.reference().withSeed(11);
        DltPolicy a = new DltPolicy(config, 6);
        DltPolicy b = new DltPolicy(config, 6);
        List<Integer> actionsA = run(a, 0, 30, new TieMap[] {a.initialState()});
        List<Integer> actionsB = run(b, 0, 30, new TieMap[] {b.initialState()});
        assertEquals(150, actionsA.size());
        assertEquals(actionsA, actionsB);
        assertEquals(a.snapshot(), b.snapshot());

        DltPolicy c = new DltPolicy(config.withSeed(12), 6);
        assertNotEquals(actionsA, run(c, 0, 30, new TieMap[] {c.initialState()}));
    }

    @Test
    void restoringASnapshotContinuesExactly() {
        AgentConfig config = AgentConfig.reference().withSeed(5);
        DltPolicy original = new DltPolicy(config, 6);
        TieMap[] state = {original.initialState()};
        run(original, 0, 10, state);
        AgentState checkpoint = original.snapshot();
        TieMap savedTies = state[0];
        List<Integer> continued = run(original, 10, 10, state);

        DltPolicy resumed = new DltPolicy(config.withSeed(999), 6); // the seed is overridden by the snapshot
        resumed.restore(checkpoint);
        assertEquals(checkpoint, resumed.snapshot());
        List<Integer> replayed = run(resumed, 10, 10, new TieMap[] {savedTies});
        assertEquals(continued, replayed);
        assertEquals(original.snapshot(), resumed.snapshot());
        assertEquals(StrictMath.pow(0.95, 20), resumed.epsilon(), 1e-15);
    }

    @Test
    void hysteresisKeepsTheCurrentTieUnlessAnotherActionIsClearlyBetter() {
        // hand network of QNetworkTest with b2[2] = 0.5: in state [0, 0] layer 1's Q = [0.35, 0.5]
        double[] params = {0.3, 0.5, 0.2, -1.0, 0.1, 0.2, 1.0, 0.0, 0.5, 1.0, 2.0, -1.0, 0.0, 0.1, 0.5};
        double[] zeros = new double[15];
        TieMap tied = TieMap.allTiedToFirst(2);
        double[] expectedGreedy = {0.2, 0.1, 0.0};
        int[] expectedAction = {0, 1, 1};
        for (int k = 0; k < 3; k++) {
            AgentConfig config = AgentConfig.reference().withQNetwork(2, 0.1, 0.01).withChurnControl(0, expectedGreedy[k]);
            DltPolicy policy = new DltPolicy(config, 2);
            policy.restore(new AgentState(2, 0, 0.0, 1L, 0, params, zeros, zeros, Double.NaN));
            double[] q = policy.qValues(1, tied);
            assertEquals(0.35, q[0], 1e-15);
            assertEquals(0.5, q[1], 1e-15);
            assertEquals(expectedAction[k], policy.greedyAction(1, tied), "hysteresis " + expectedGreedy[k]);
            assertEquals(expectedAction[k], policy.decide(1, tied), "ε = 0 decides greedily");
            assertEquals(false, policy.lastDecisionExplored());
        }
    }

    @Test
    void explorationIsUniformOverTheLayersSlice() {
        DltPolicy policy = new DltPolicy(AgentConfig.reference().withSeed(3), 4); // ε = 1 before any episode
        int[] counts = new int[4];
        TieMap state = policy.initialState();
        for (int n = 0; n < 8000; n++) {
            counts[policy.decide(3, state)]++;
            assertTrue(policy.lastDecisionExplored());
        }
        for (int a = 0; a < 4; a++) {
            assertEquals(2000, counts[a], 150, "action " + a); // ±3.9 standard deviations
        }
    }

    @Test
    void randomPolicyIsSeededUniformAndLearnsNothing() {
        RandomPolicy a = new RandomPolicy(6, 9);
        RandomPolicy b = new RandomPolicy(6, 9);
        List<Integer> actions = run(a, 0, 20, new TieMap[] {a.initialState()});
        assertEquals(actions, run(b, 0, 20, new TieMap[] {b.initialState()}));
        assertEquals(1.0, a.epsilon());
        assertEquals(TieMap.allTiedToFirst(6), a.initialState());
        for (int k = 0; k < actions.size(); k++) {
            int layer = 1 + k % 5;
            assertTrue(actions.get(k) >= 0 && actions.get(k) <= layer);
        }
        RandomPolicy resumed = new RandomPolicy(6, 0);
        resumed.restore(a.snapshot());
        assertEquals(a.decide(4, a.initialState()), resumed.decide(4, a.initialState()));
    }

    @Test
    void misuseIsRejected() {
        DltPolicy policy = new DltPolicy(AgentConfig.reference(), 4);
        TieMap s = policy.initialState();
        assertThrows(IllegalArgumentException.class, () -> policy.decide(0, s));
        assertThrows(IllegalArgumentException.class, () -> policy.decide(4, s));
        assertThrows(IllegalArgumentException.class, () -> policy.decide(1, TieMap.allTiedToFirst(5)));
        // the reported state after must be the action applied to the state before
        assertThrows(IllegalArgumentException.class, () -> policy.learn(2, s, 2, 0.0, s));
        assertThrows(IllegalArgumentException.class,
                () -> policy.restore(new DltPolicy(AgentConfig.reference(), 5).snapshot()));
    }
}
