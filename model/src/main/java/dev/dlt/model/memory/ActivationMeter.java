package dev.dlt.model.memory;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Counts the bytes of the tensors a forward pass creates, scope by scope, before each scope frees them:
 * an upper bound of what autograd keeps for backward (it keeps a subset). Used by one thread at a time.
 */
public final class ActivationMeter {

    private long bytes;

    public void add(long more) {
        bytes += more;
    }

    public long bytes() {
        return bytes;
    }

    /** Bytes of all live tensors a manager holds, its sub-managers' included. */
    public static long liveBytes(NDManager m) {
        long total = 0;
        if (m instanceof BaseNDManager base) {
            for (NDArray a : base.getManagedArrays()) {
                if (!a.isReleased()) {
                    total += bytes(a);
                }
            }
        }
        return total;
    }

    public static long bytes(NDArray a) {
        return a.size() * a.getDataType().getNumOfBytes();
    }
}
