package dev.dlt.model.nn;

import static dev.dlt.model.nn.TinyModels.*;
import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.data.Batch;
import dev.dlt.model.train.TrainingStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrainingBehaviourTest {

    private NDManager root;

    @BeforeEach
    void open() {
        root = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        root.close();
    }

    @Test
    void untrainedPerplexityIsNearTheVocabularySize() {
        GptConfig c = new GptConfig(2, 32, 2, 500, 32, 0.0);
        Gpt m = model(root, c, TieMap.independent(2), GradientMode.SHARED, 3);
        double ppl = Math.exp(TrainingStep.evaluate(m, batch(4, 32, 500, 5)));
        assertEquals(500, ppl, 25, "N(0, 0.02) init gives near-uniform predictions");
    }

    @Test
    void aTinyModelOverfitsAFixedBatch() {
        GptConfig c = new GptConfig(2, 32, 2, 37, 16, 0.0);
        Gpt m = model(root, c, TieMap.independent(2), GradientMode.SHARED, 3);
        AdamW opt = new AdamW(AdamW.Settings.defaults(), m.manager().newSubManager());
        Batch b = batch(2, 16, 37, 9);
        double first = TrainingStep.run(m, opt, b, 3e-3, 1.0, 0).loss();
        double last = first;
        for (int s = 1; s < 150; s++) {
            last = TrainingStep.run(m, opt, b, 3e-3, 1.0, s).loss();
        }
        assertEquals(Math.log(37), first, 0.2);
        assertTrue(last < 0.1, "loss after 150 steps on one batch: " + last);
    }

    @Test
    void sameSeedGivesTheSameLossesBitForBit() {
        double[] a = losses(11);
        double[] b = losses(11);
        double[] other = losses(12);
        assertArrayEquals(a, b, 0.0);
        assertNotEquals(a[4], other[4]);
    }

    private double[] losses(long seed) {
        Gpt m = model(root, TieMap.of(0, 0, 2), GradientMode.SHARED, seed);
        AdamW opt = new AdamW(AdamW.Settings.defaults(), m.manager().newSubManager());
        double[] out = new double[5];
        for (int s = 0; s < out.length; s++) {
            out[s] = TrainingStep.run(m, opt, batch(2, 8, CONFIG.vocabSize(), s), 1e-3, 1.0,
                    dev.dlt.model.nn.Dropout.stepKey(seed, s)).loss();
        }
        m.close();
        return out;
    }

    @Test
    void afterUntieAndAStepTheLayersDifferAndTheRootIgnoresTheUntiedGradient() {
        Gpt m = model(root, TieMap.of(0, 0, 0), GradientMode.SHARED, 5);
        AdamW opt = new AdamW(AdamW.Settings.defaults(), m.manager().newSubManager());
        Batch b = batch(2, 8, CONFIG.vocabSize(), 1);
        TrainingStep.run(m, opt, b, 1e-3, 1.0, 0); // moments now exist for the root
        assertTrue(m.untie(2, opt));
        assertFalse(m.untie(2, opt), "untie of an independent layer is a no-op");
        float[] root0 = values(m.layerWeights(0).fcW());
        assertArrayEquals(root0, values(m.layerWeights(2).fcW()), 0f, "untie starts from the root's values");
        assertNotSame(m.layerWeights(0).fcW(), m.layerWeights(2).fcW());
        AdamW.Moments rm = opt.moments(m.layerWeights(0).fcW());
        AdamW.Moments cm = opt.moments(m.layerWeights(2).fcW());
        assertArrayEquals(rm.m().toFloatArray(), cm.m().toFloatArray(), 0f, "untie copies the moments");

        // Reference: the same history with every layer untied; the root must get layers 0 and 1 only.
        Gpt ref = model(root, TieMap.of(0, 0, 0), GradientMode.SHARED, 5);
        AdamW refOpt = new AdamW(AdamW.Settings.defaults(), ref.manager().newSubManager());
        TrainingStep.run(ref, refOpt, b, 1e-3, 1.0, 0);
        ref.untie(1, refOpt);
        ref.untie(2, refOpt);
        TrainingStep.forwardBackward(m, b, 1);
        TrainingStep.forwardBackward(ref, b, 1);
        float[] rootGrad = grad(m.layerWeights(0).fcW());
        float[] own = add(grad(ref.layerWeights(0).fcW()), grad(ref.layerWeights(1).fcW()));
        assertTrue(maxAbsDiff(own, rootGrad) <= 1e-6, "root gradient = its own use + its remaining follower");
        assertTrue(maxAbsDiff(grad(ref.layerWeights(2).fcW()), grad(m.layerWeights(2).fcW())) <= 1e-6);
        assertTrue(maxAbsDiff(add(own, grad(ref.layerWeights(2).fcW())), rootGrad) > 1e-6);
        opt.step(m.parameters(), 1e-3, 1.0);
        assertTrue(maxAbsDiff(values(m.layerWeights(0).fcW()), values(m.layerWeights(2).fcW())) > 0,
                "after a step the untied layer and its former root differ");
    }

    @Test
    void tyingARootReleasesItsWeightsAndMomentsAndMovesItsFollowers() {
        Gpt m = model(root, TieMap.of(0, 1, 1), GradientMode.SHARED, 5);
        AdamW opt = new AdamW(AdamW.Settings.defaults(), m.manager().newSubManager());
        TrainingStep.run(m, opt, batch(2, 8, CONFIG.vocabSize(), 1), 1e-3, 1.0, 0);
        long before = opt.stateBytes();
        m.tie(1, 0, opt);
        assertEquals(TieMap.of(0, 0, 0), m.ties());
        assertSame(m.layerWeights(0), m.layerWeights(2), "the follower of 1 follows 1's new root");
        assertEquals(before - 2L * 4 * CONFIG.blockParameters(), opt.stateBytes());
        assertEquals(CONFIG.sharedParameters() + CONFIG.blockParameters(), m.trainableParameters());
    }

    @Test
    void stepsDoNotLeakNativeArrays() {
        Gpt m = model(root, TieMap.of(0, 0, 2), GradientMode.FROZEN, 5);
        NDManager optManager = m.manager().newSubManager();
        AdamW opt = new AdamW(AdamW.Settings.defaults(), optManager);
        Batch b = batch(2, 8, CONFIG.vocabSize(), 1);
        TrainingStep.run(m, opt, b, 1e-3, 1.0, 0);
        int params = ((BaseNDManager) m.manager()).getManagedArrays().size();
        int moments = ((BaseNDManager) optManager).getManagedArrays().size();
        for (int s = 1; s < 5; s++) {
            TrainingStep.run(m, opt, b, 1e-3, 1.0, s);
            TrainingStep.evaluate(m, b);
        }
        assertEquals(params, ((BaseNDManager) m.manager()).getManagedArrays().size());
        assertEquals(moments, ((BaseNDManager) optManager).getManagedArrays().size());
    }
}
