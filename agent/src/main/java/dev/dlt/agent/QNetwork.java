package dev.dlt.agent;

import java.util.Arrays;

/**
 * The Q-network of Hay &amp; Wolf: Linear(L, H) → ReLU → Linear(H, L(L+1)/2), in plain double arithmetic
 * with hand-written backpropagation, so updates are exact, deterministic and checkpointable.
 *
 * <p>All parameters live in one flat array, in this order (row-major, as PyTorch's {@code nn.Linear}
 * stores them): W1 (H × L), b1 (H), W2 (A × H), b2 (A), where A = L(L+1)/2. Not thread-safe; the owning
 * policy serialises access. Holds no native memory.
 */
public final class QNetwork {

    private final int inputs;
    private final int hidden;
    private final int outputs;
    private final double[] theta;

    private QNetwork(int inputs, int hidden, int outputs, double[] theta) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.outputs = outputs;
        this.theta = theta;
    }

    /** Number of parameters for the given dimensions. */
    public static int parameterCount(int inputs, int hidden, int outputs) {
        return hidden * inputs + hidden + outputs * hidden + outputs;
    }

    /**
     * PyTorch's default {@code nn.Linear} initialisation: every weight and bias uniform in
     * [−1/√fan_in, 1/√fan_in].
     */
    static QNetwork initialised(int inputs, int hidden, int outputs, SplitMix64 rng) {
        double[] theta = new double[parameterCount(inputs, hidden, outputs)];
        QNetwork net = new QNetwork(inputs, hidden, outputs, theta);
        double bound1 = 1.0 / StrictMath.sqrt(inputs);
        double bound2 = 1.0 / StrictMath.sqrt(hidden);
        for (int p = 0; p < theta.length; p++) {
            double bound = p < net.w2() ? bound1 : bound2;
            theta[p] = (2 * rng.nextDouble() - 1) * bound;
        }
        return net;
    }

    /** A network with the given parameters (copied), in the layout of the class comment. */
    public static QNetwork of(int inputs, int hidden, int outputs, double[] parameters) {
        if (inputs < 1 || hidden < 1 || outputs < 1) {
            throw new IllegalArgumentException(
                    "QNetwork dimensions must be >= 1, got " + inputs + "/" + hidden + "/" + outputs);
        }
        int n = parameterCount(inputs, hidden, outputs);
        if (parameters.length != n) {
            throw new IllegalArgumentException(
                    "QNetwork " + inputs + "→" + hidden + "→" + outputs + " has " + n + " parameters, got "
                            + parameters.length);
        }
        return new QNetwork(inputs, hidden, outputs, parameters.clone());
    }

    public int inputs() {
        return inputs;
    }

    public int hidden() {
        return hidden;
    }

    public int outputs() {
        return outputs;
    }

    /** A copy of the parameters. */
    public double[] parameters() {
        return theta.clone();
    }

    /** The live parameter array, for the optimizer of the owning policy only. */
    double[] parametersView() {
        return theta;
    }

    void setParameters(double[] parameters) {
        if (parameters.length != theta.length) {
            throw new IllegalArgumentException(
                    "expected " + theta.length + " parameters, got " + parameters.length);
        }
        System.arraycopy(parameters, 0, theta, 0, theta.length);
    }

    /** Q values of all actions for input x (length L). */
    public double[] forward(double[] x) {
        return output(relu(preActivation(x)));
    }

    /**
     * The squared TD error (q[action] − target)² for input x, and its gradient with respect to every
     * parameter written into {@code grad} (overwritten; zero for parameters the loss does not reach).
     */
    public double lossAndGradient(double[] x, int action, double target, double[] grad) {
        if (grad.length != theta.length) {
            throw new IllegalArgumentException("gradient buffer has " + grad.length + " entries, need " + theta.length);
        }
        double[] pre = preActivation(x); // (H)
        double[] h = relu(pre);          // (H)
        double err = outputOne(h, action) - target;
        Arrays.fill(grad, 0.0);
        double dq = 2 * err; // d(err²)/dq; MSE over one element has no extra mean factor
        int w2Row = w2() + action * hidden;
        grad[b2() + action] = dq;
        for (int j = 0; j < hidden; j++) {
            grad[w2Row + j] = dq * h[j];
            double dPre = pre[j] > 0 ? dq * theta[w2Row + j] : 0.0; // ReLU'(0) = 0, as PyTorch
            grad[b1() + j] = dPre;
            int w1Row = j * inputs;
            for (int k = 0; k < inputs; k++) {
                grad[w1Row + k] = dPre * x[k];
            }
        }
        return err * err;
    }

    /** The same loss without the gradient; used by the gradient check. */
    public double loss(double[] x, int action, double target) {
        double err = outputOne(relu(preActivation(x)), action) - target;
        return err * err;
    }

    private double[] preActivation(double[] x) {
        if (x.length != inputs) {
            throw new IllegalArgumentException("QNetwork expects " + inputs + " inputs, got " + x.length);
        }
        double[] pre = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double sum = theta[b1() + j];
            int row = j * inputs;
            for (int k = 0; k < inputs; k++) {
                sum += theta[row + k] * x[k];
            }
            pre[j] = sum;
        }
        return pre;
    }

    private static double[] relu(double[] pre) {
        double[] h = new double[pre.length];
        for (int j = 0; j < pre.length; j++) {
            h[j] = Math.max(0.0, pre[j]);
        }
        return h;
    }

    private double[] output(double[] h) {
        double[] q = new double[outputs];
        for (int a = 0; a < outputs; a++) {
            q[a] = outputOne(h, a);
        }
        return q;
    }

    private double outputOne(double[] h, int a) {
        if (a < 0 || a >= outputs) {
            throw new IllegalArgumentException("output " + a + " out of range [0, " + (outputs - 1) + "]");
        }
        double sum = theta[b2() + a];
        int row = w2() + a * hidden;
        for (int j = 0; j < hidden; j++) {
            sum += theta[row + j] * h[j];
        }
        return sum;
    }

    private int b1() {
        return hidden * inputs;
    }

    private int w2() {
        return b1() + hidden;
    }

    private int b2() {
        return w2() + outputs * hidden;
    }
}
