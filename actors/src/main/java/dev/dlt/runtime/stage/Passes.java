package dev.dlt.runtime.stage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.memory.ActivationMeter;
import java.util.function.Function;
import java.util.HashMap;
import java.util.Map;

/**
 * The forward passes a stage keeps for backward, one per micro-batch in flight. Each pass owns a scope
 * (a sub-manager of the stage's manager) holding its input leaf, its output and every intermediate;
 * backward frees it. Confined to the stage's thread. It also keeps the peak bytes its passes held at once
 * since the last {@link #clear()}: the stage's activation memory in a round.
 */
final class Passes {

    private record Pass(NDManager scope, NDArray input, NDArray output, long bytes) {}

    private final Map<Integer, Pass> live = new HashMap<>();
    private long liveBytes;
    private long peakBytes;

    /**
     * Keeps a pass; {@code input} is null when the stage's input takes no gradient (token ids). {@code freed}
     * counts the bytes of intermediates the pass created and already freed ({@link ActivationMeter}).
     */
    void keep(int micro, NDManager scope, NDArray input, NDArray output, long freed) {
        long bytes = ActivationMeter.liveBytes(scope) + freed;
        Pass old = live.put(micro, new Pass(scope, input, output, bytes));
        if (old != null) {
            live.put(micro, old);
            scope.close();
            throw new IllegalStateException("micro-batch " + micro + " was forwarded twice");
        }
        liveBytes += bytes;
        peakBytes = Math.max(peakBytes, liveBytes);
    }

    /** The most bytes the kept passes held at once since the last {@link #clear()}. */
    long peakBytes() {
        return peakBytes;
    }

    /**
     * Backward of a kept pass with the gradient of its output, which {@code upstream} brings into the pass's
     * scope; returns {@code send} applied to its input's gradient (before the scope is freed), or null when
     * the input takes no gradient.
     */
    <T> T backward(int micro, Function<NDManager, NDArray> upstream, Function<NDArray, T> send) {
        Pass p = take(micro);
        try (NDManager scope = p.scope()) {
            Autograd.backward(p.output(), upstream.apply(scope));
            return inputGradient(p, send);
        }
    }

    /** Backward of a kept scalar (a loss) scaled by {@code weight}; returns {@code send} of its input's gradient. */
    <T> T backwardScaled(int micro, double weight, Function<NDArray, T> send) {
        Pass p = take(micro);
        try (NDManager scope = p.scope()) {
            NDArray out = p.output();
            Autograd.backward(out, scope.full(out.getShape(), (float) weight, out.getDataType(), out.getDevice()));
            return inputGradient(p, send);
        }
    }

    private static <T> T inputGradient(Pass p, Function<NDArray, T> send) {
        if (p.input() == null) {
            return null;
        }
        try (NDArray g = p.input().getGradient()) {
            return send.apply(g);
        }
    }

    private Pass take(int micro) {
        Pass p = live.remove(micro);
        if (p == null) {
            throw new IllegalStateException("no forward pass kept for micro-batch " + micro);
        }
        liveBytes -= p.bytes();
        return p;
    }

    boolean isEmpty() {
        return live.isEmpty();
    }

    void clear() {
        live.values().forEach(p -> p.scope().close());
        live.clear();
        liveBytes = 0;
        peakBytes = 0;
    }
}
