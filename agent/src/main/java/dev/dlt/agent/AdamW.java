package dev.dlt.agent;

/**
 * AdamW exactly as PyTorch's {@code torch.optim.AdamW} (non-amsgrad): decoupled weight decay
 * {@code p ← p(1 − lr·wd)}, then the bias-corrected Adam step {@code p ← p − (lr / (1 − β1^t)) · m /
 * (√v / √(1 − β2^t) + eps)}. Every parameter is updated on every step, including those whose gradient
 * is zero, as PyTorch does for parameters that took part in the graph. StrictMath keeps the result
 * bit-identical across JVMs, so a restored checkpoint continues exactly. Not thread-safe.
 */
final class AdamW {

    private final double lr;
    private final double weightDecay;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private long step;

    AdamW(AgentConfig config, int parameters) {
        this.lr = config.learningRate();
        this.weightDecay = config.weightDecay();
        this.beta1 = config.beta1();
        this.beta2 = config.beta2();
        this.eps = config.adamEpsilon();
        this.m = new double[parameters];
        this.v = new double[parameters];
    }

    void step(double[] theta, double[] grad) {
        step++;
        double bias1 = 1 - StrictMath.pow(beta1, step);
        double sqrtBias2 = StrictMath.sqrt(1 - StrictMath.pow(beta2, step));
        double stepSize = lr / bias1;
        for (int p = 0; p < theta.length; p++) {
            theta[p] *= 1 - lr * weightDecay;
            m[p] = beta1 * m[p] + (1 - beta1) * grad[p];
            v[p] = beta2 * v[p] + (1 - beta2) * grad[p] * grad[p];
            double denom = StrictMath.sqrt(v[p]) / sqrtBias2 + eps;
            theta[p] -= stepSize * m[p] / denom;
        }
    }

    long stepCount() {
        return step;
    }

    double[] firstMoment() {
        return m.clone();
    }

    double[] secondMoment() {
        return v.clone();
    }

    void restore(long step, double[] firstMoment, double[] secondMoment) {
        if (firstMoment.length != m.length || secondMoment.length != v.length) {
            throw new IllegalArgumentException("Adam moments have " + firstMoment.length + "/" + secondMoment.length
                    + " entries, the Q-network has " + m.length + " parameters");
        }
        this.step = step;
        System.arraycopy(firstMoment, 0, m, 0, m.length);
        System.arraycopy(secondMoment, 0, v, 0, v.length);
    }
}
