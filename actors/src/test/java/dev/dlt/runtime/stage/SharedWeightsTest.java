package dev.dlt.runtime.stage;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.RuntimeSettings;
import dev.dlt.runtime.Tensor;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Same-JVM sharing behind the protocol: a follower group that adopts a root's handles computes with the
 * root's own storage (an update of the root is seen without any bytes sent), keeps it alive after the
 * root's group freed its arrays, and takes its own gradient without touching the root's.
 */
class SharedWeightsTest {

    private static final TieMap TIES = TieMap.of(0, 1, 0, 3); // layer 2 (group 1) follows root 0 (group 0)

    @Test
    void aFollowerComputesWithTheRootsOwnStorage() {
        RuntimeSettings s = settings(TIES, 2, 1);
        Partition p = new Partition(4, 2);
        ModelInit init = ModelInit.create(s);
        GroupTensors root = GroupTensors.restore(0, p, s.model(), s.gradientMode(), s.adam(), s.device(), init.groupSnapshot(0, p, TIES));
        GroupTensors follower = GroupTensors.restore(1, p, s.model(), s.gradientMode(), s.adam(), s.device(), init.groupSnapshot(1, p, TIES));
        try (follower) {
            follower.adoptShared(root.sharedWeightsFor(1));
            assertArrayEquals(weightBytes(root), copyBytes(follower), "the adopted handles hold the root's weights");

            Autograd.gradMode(false);
            root.params().get(2).array().addi(1f); // the root changes its weights in place, as AdamW does
            byte[] changed = weightBytes(root);
            assertArrayEquals(changed, copyBytes(follower), "the follower sees the change: the very same storage");

            root.close(); // the root's group frees its arrays; the storage lives on in the follower's handles
            try (ai.djl.ndarray.NDManager scratch = ai.djl.ndarray.NDManager.newBaseManager()) {
                for (int k = 0; k < 64; k++) { // would reuse freed memory, were the storage freed
                    scratch.full(new ai.djl.ndarray.types.Shape(s.model().width(), 3L * s.model().width()), 7f);
                }
                assertArrayEquals(changed, copyBytes(follower));
            }

            Tensor x = Tensor.of(follower.params().get(0).array().getManager()
                    .randomNormal(new ai.djl.ndarray.types.Shape(ROWS, SEQ, s.model().width())));
            follower.forward(0, true, Dropout.Key.of(7), Handoff.bytes(x), Tensor::of);
            follower.backward(0, Handoff.bytes(Tensor.of(follower.params().get(0).array().getManager()
                    .ones(new ai.djl.ndarray.types.Shape(ROWS, SEQ, s.model().width())))), Tensor::of);
            SortedMap<Integer, List<dev.dlt.runtime.stage.Stage.LayerTensors>> grads = follower.followerGradients();
            assertEquals(List.of(0), List.copyOf(grads.keySet()), "gradients for group 0's roots");
            float[] g = floats(grads.get(0).get(0).tensors().get(2));
            double norm = 0;
            for (float v : g) {
                norm += v * v;
            }
            assertTrue(norm > 0, "the follower's handle took a gradient of its own");
        }
    }

    private static byte[] weightBytes(GroupTensors root) {
        return root.export(0).weights().get(2).data();
    }

    private static byte[] copyBytes(GroupTensors follower) {
        return follower.snapshot().copies().get(0).get(2).data();
    }

    private static float[] floats(Tensor t) {
        java.nio.FloatBuffer b = java.nio.ByteBuffer.wrap(t.data()).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
