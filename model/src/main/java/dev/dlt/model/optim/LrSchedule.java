package dev.dlt.model.optim;

/**
 * Linear warm-up then cosine decay to {@code minLr}, as in nanoGPT's {@code get_lr(it)}. Pure.
 *
 * @param maxLr        peak learning rate
 * @param minLr        floor reached at {@code decaySteps}
 * @param warmupSteps  steps of linear warm-up from 0
 * @param decaySteps   step at which the cosine reaches {@code minLr}; constant after
 */
public record LrSchedule(double maxLr, double minLr, long warmupSteps, long decaySteps) {

    public LrSchedule {
        if (!(maxLr > 0) || minLr < 0 || minLr > maxLr) {
            throw new IllegalArgumentException("need 0 <= minLr <= maxLr and maxLr > 0, got " + minLr + ", " + maxLr);
        }
        if (warmupSteps < 0 || decaySteps < warmupSteps) {
            throw new IllegalArgumentException("need 0 <= warmup <= decay steps, got " + warmupSteps + ", " + decaySteps);
        }
    }

    /** Learning rate of step {@code it} (0-based). */
    public double at(long it) {
        if (it < warmupSteps) {
            return maxLr * (it + 1) / warmupSteps;
        }
        if (it >= decaySteps) {
            return minLr;
        }
        double progress = (it - warmupSteps) / (double) Math.max(1, decaySteps - warmupSteps);
        return minLr + 0.5 * (1 + Math.cos(Math.PI * progress)) * (maxLr - minLr);
    }
}
