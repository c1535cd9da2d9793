package dev.dlt.agent;

import dev.dlt.model.tie.TieMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class QNetworkTest {

    /**
     * L = 2, hidden 2, 3 outputs. Layout: W1 (2×2), b1 (2), W2 (3×2), b2 (3) = 15 parameters.
     */
    private static final double[] HAND_PARAMS = {
        0.3, 0.5, 0.2, -1.0,    // W1 rows: unit 0, unit 1
        0.1, 0.2,               // b1
        1.0, 0.0, 0.5, 1.0, 2.0, -1.0, // W2 rows: outputs 0, 1, 2
        0.0, 0.1, -0.2          // b2
    };

    private static AgentConfig handConfig() {
        // lr 0.1 and weight decay 0.01: the decoupled decay factor is 1 - 0.1·0.01 = 0.999
        return AgentConfig.reference().withQNetwork(2, 0.1, 0.01);
    }

    @Test
    void oneQUpdateMatchesTheHandComputation() {
        DltPolicy policy = new DltPolicy(handConfig(), 2);
        double[] zeros = new double[15];
        policy.restore(new AgentState(2, 0, 1.0, 7L, 0, HAND_PARAMS, zeros, zeros, Double.NaN));

        TieMap before = TieMap.independent(2);      // x = [0, 1]
        TieMap after = before.apply(1, 0);          // x' = [0, 0]
        // before: pre = [0.5 + 0.1, -1.0 + 0.2] = [0.6, -0.8], h = [0.6, 0], Q(layer 1) = [0.4, 1.0]
        assertArrayEquals(new double[] {0.4, 1.0}, policy.qValues(1, before), 1e-15);
        // after: h = b1 = [0.1, 0.2], Q(layer 1) = [0.05 + 0.2 + 0.1, 0.2 - 0.2 - 0.2] = [0.35, -0.2]
        assertArrayEquals(new double[] {0.35, -0.2}, policy.qValues(1, after), 1e-15);

        policy.learn(1, before, 0, 1.0, after);

        // target = 1 + 0.99 · 0.35 = 1.3465; error = 0.4 - 1.3465 = -0.9465; loss = 0.89586225
        assertEquals(0.89586225, policy.lastTdLoss(), 1e-13);
        // dL/dq = -1.893. Non-zero gradients: W2[1][0] = -1.893·0.6 = -1.1358, b2[1] = -1.893,
        // through ReLU unit 0 only: dpre0 = -1.893·0.5 = -0.9465 → W1[0][1] = -0.9465·x1 = -0.9465, b1[0] = -0.9465.
        // First AdamW step: m̂ = g, v̂ = g², so p ← 0.999·p − 0.1·g/(|g| + 1e-8); zero gradient: p ← 0.999·p.
        double[] expected = new double[15];
        for (int p = 0; p < 15; p++) {
            expected[p] = 0.999 * HAND_PARAMS[p];
        }
        expected[1] += 0.1 * 0.9465 / (0.9465 + 1e-8);   // W1[0][1]
        expected[4] += 0.1 * 0.9465 / (0.9465 + 1e-8);   // b1[0]
        expected[8] += 0.1 * 1.1358 / (1.1358 + 1e-8);   // W2[1][0]
        expected[13] += 0.1 * 1.893 / (1.893 + 1e-8);    // b2[1]
        AgentState s = policy.snapshot();
        assertArrayEquals(expected, s.parameters(), 1e-12);
        assertEquals(1, s.adamStep());
        assertEquals(0.1 * -1.893, s.adamFirstMoment()[13], 1e-13);
        assertEquals(0.001 * 1.893 * 1.893, s.adamSecondMoment()[13], 1e-13);
        assertEquals(0.0, s.adamFirstMoment()[0]); // W1[0][0] sees x0 = 0: no gradient
    }

    @Test
    void switchCostIsSubtractedWhenTheRootChanged() {
        DltPolicy policy = new DltPolicy(handConfig().withChurnControl(0.5, 0), 2);
        double[] zeros = new double[15];
        policy.restore(new AgentState(2, 0, 1.0, 7L, 0, HAND_PARAMS, zeros, zeros, Double.NaN));
        TieMap before = TieMap.independent(2);
        policy.learn(1, before, 0, 1.0, before.apply(1, 0));
        // reward 1 - 0.5; target = 0.5 + 0.3465 = 0.8465; error = 0.4 - 0.8465
        assertEquals(0.5, policy.lastReward(), 1e-15);
        assertEquals(0.4465 * 0.4465, policy.lastTdLoss(), 1e-13);

        policy.restore(new AgentState(2, 0, 1.0, 7L, 0, HAND_PARAMS, zeros, zeros, Double.NaN));
        policy.learn(1, before, 1, 1.0, before); // stays independent: no cost
        assertEquals(1.0, policy.lastReward(), 1e-15);
    }

    @Test
    void backpropMatchesFiniteDifferences() {
        int inputs = 5;
        int hidden = 7;
        int outputs = ActionSpace.size(inputs);
        QNetwork net = QNetwork.initialised(inputs, hidden, outputs, new SplitMix64(42));
        double[] x = {0, 1, 1, 3, 2.5};
        int action = 11;
        double target = -0.7;
        double[] grad = new double[QNetwork.parameterCount(inputs, hidden, outputs)];
        double loss = net.lossAndGradient(x, action, target, grad);
        assertEquals(net.loss(x, action, target), loss, 0.0);

        double[] theta = net.parameters();
        double h = 1e-6;
        int nonZero = 0;
        for (int p = 0; p < theta.length; p++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += h;
            minus[p] -= h;
            double numeric = (QNetwork.of(inputs, hidden, outputs, plus).loss(x, action, target)
                    - QNetwork.of(inputs, hidden, outputs, minus).loss(x, action, target)) / (2 * h);
            assertEquals(numeric, grad[p], 1e-7 * Math.max(1, Math.abs(numeric)), "parameter " + p);
            if (grad[p] != 0) {
                nonZero++;
            }
        }
        // a check over all-zero gradients could not fail: the example must reach many parameters
        // (W1 rows of active units: 5 each, b1, one W2 row, one b2 entry)
        assertEquals(true, nonZero >= 2 * (inputs + 1) + 1, "non-zero gradients: " + nonZero);
    }

    @Test
    void initialisationIsPyTorchsUniformAndSeeded() {
        QNetwork a = QNetwork.initialised(12, 128, 78, new SplitMix64(3));
        QNetwork b = QNetwork.initialised(12, 128, 78, new SplitMix64(3));
        assertArrayEquals(a.parameters(), b.parameters(), 0.0);
        double[] theta = a.parameters();
        assertEquals(12 * 128 + 128 + 78 * 128 + 78, theta.length);
        double max1 = 0;
        double max2 = 0;
        for (int p = 0; p < theta.length; p++) {
            if (p < 12 * 128 + 128) {
                max1 = Math.max(max1, Math.abs(theta[p]));
            } else {
                max2 = Math.max(max2, Math.abs(theta[p]));
            }
        }
        assertEquals(1 / Math.sqrt(12), max1, 0.01); // fan_in 12: bound 0.289, 1664 draws come close
        assertEquals(1 / Math.sqrt(128), max2, 0.001);
    }
}
