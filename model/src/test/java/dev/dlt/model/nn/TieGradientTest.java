package dev.dlt.model.nn;

import static dev.dlt.model.nn.TinyModels.*;
import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.memory.MemoryLedger;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.data.Batch;
import dev.dlt.model.train.TrainingStep;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core of the paper as tensors: a tied layer computes with exactly its root's tensors, and its weight
 * gradient goes to the root (shared) or nowhere (frozen). Checked against a model with separate copies.
 */
class TieGradientTest {

    private NDManager root;
    private final Batch batch = batch(2, 8, CONFIG.vocabSize(), 7);
    private final long key = 1234L;

    @BeforeEach
    void open() {
        root = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        root.close();
    }

    /** Layer 2 tied to layer 0; the copy model unties layer 2 so it starts with equal weights. */
    private Gpt[] tiedAndCopies(GradientMode mode) {
        Gpt tied = model(root, TieMap.of(0, 1, 0), mode, 42);
        Gpt copies = model(root, TieMap.of(0, 1, 0), mode, 42);
        assertTrue(copies.untie(2, null));
        return new Gpt[] {tied, copies};
    }

    @Test
    void tiedLayerComputesWithTheRootsTensorsItself() {
        Gpt tied = model(root, TieMap.of(0, 1, 0), GradientMode.SHARED, 42);
        assertSame(tied.layerWeights(0), tied.layerWeights(2));
        assertEquals(2, tied.ties().independentCount());
        assertEquals(CONFIG.sharedParameters() + 2 * CONFIG.blockParameters(), tied.trainableParameters());
        long paramScalars = tied.parameters().stream().mapToLong(p -> p.array().size()).sum();
        assertEquals(tied.trainableParameters(), paramScalars, "the optimizer sees each tensor once");
    }

    @Test
    void theLedgerShowsZeroBytesForATiedLayer() {
        Gpt tied = model(root, TieMap.of(0, 1, 0), GradientMode.SHARED, 42);
        Gpt allOwn = model(root, TieMap.independent(3), GradientMode.SHARED, 42);
        AdamW o1 = new AdamW(AdamW.Settings.defaults(), tied.manager().newSubManager());
        AdamW o2 = new AdamW(AdamW.Settings.defaults(), allOwn.manager().newSubManager());
        TrainingStep.run(tied, o1, batch, 1e-3, 1.0, key);
        TrainingStep.run(allOwn, o2, batch, 1e-3, 1.0, key);
        MemoryLedger a = MemoryLedger.of(tied, o1, 0);
        MemoryLedger b = MemoryLedger.of(allOwn, o2, 0);
        long block = 4 * CONFIG.blockParameters();
        assertEquals(block, b.parameterBytes() - a.parameterBytes(), "one block of float32, not more, not less");
        assertEquals(block, b.gradientBytes() - a.gradientBytes());
        assertEquals(2 * block, b.optimizerStateBytes() - a.optimizerStateBytes());
        assertEquals(4 * (CONFIG.sharedParameters() + 2 * CONFIG.blockParameters()), a.parameterBytes());
    }

    @Test
    void sharedModeSumsTheGradientsOfEveryUseIntoTheRoot() {
        Gpt[] m = tiedAndCopies(GradientMode.SHARED);
        double lossTied = TrainingStep.forwardBackward(m[0], batch, key).loss();
        double lossCopies = TrainingStep.forwardBackward(m[1], batch, key).loss();
        assertEquals(lossCopies, lossTied, 1e-6, "same weights, same function");
        List<NDArray> rootT = m[0].layerWeights(0).tensors();
        List<NDArray> c0 = m[1].layerWeights(0).tensors();
        List<NDArray> c2 = m[1].layerWeights(2).tensors();
        for (int k = 0; k < rootT.size(); k++) {
            float[] expected = add(grad(c0.get(k)), grad(c2.get(k)));
            assertTrue(maxAbsDiff(expected, grad(rootT.get(k))) <= 1e-6,
                    LayerWeights.NAMES.get(k) + " differs by " + maxAbsDiff(expected, grad(rootT.get(k))));
        }
    }

    @Test
    void frozenModeTrainsTheRootOnlyFromItsOwnUse() {
        Gpt[] m = tiedAndCopies(GradientMode.FROZEN);
        TrainingStep.forwardBackward(m[0], batch, key);
        TrainingStep.forwardBackward(m[1], batch, key);
        List<NDArray> rootT = m[0].layerWeights(0).tensors();
        List<NDArray> c0 = m[1].layerWeights(0).tensors();
        for (int k = 0; k < rootT.size(); k++) {
            assertTrue(maxAbsDiff(grad(c0.get(k)), grad(rootT.get(k))) <= 1e-6, LayerWeights.NAMES.get(k));
        }
        // the tied use still passes gradient through its activations to the layers below
        float[] emb = grad(m[0].tokenEmbedding());
        assertTrue(maxAbsDiff(grad(m[1].tokenEmbedding()), emb) <= 1e-6);
        assertTrue(maxAbsDiff(new float[emb.length], emb) > 0);
    }

    @Test
    void frozenAndSharedDifferWhenALayerIsTied() {
        Gpt shared = model(root, TieMap.of(0, 1, 0), GradientMode.SHARED, 42);
        Gpt frozen = model(root, TieMap.of(0, 1, 0), GradientMode.FROZEN, 42);
        TrainingStep.forwardBackward(shared, batch, key);
        TrainingStep.forwardBackward(frozen, batch, key);
        NDArray a = shared.layerWeights(0).fcW();
        NDArray b = frozen.layerWeights(0).fcW();
        assertTrue(maxAbsDiff(grad(a), grad(b)) > 1e-6, "the tied use must contribute in shared mode");
    }
}
