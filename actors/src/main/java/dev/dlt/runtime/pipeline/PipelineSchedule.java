package dev.dlt.runtime.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The GPipe schedule of one step, as a pure state machine: all forwards, then all backwards (last
 * micro-batch first), then the gradient reduction (every stage reports its squared gradient norm), then
 * the update (every stage acknowledges). At most {@code maxInFlight} micro-batches are between launch and
 * completion in either direction. An evaluation is the forward phase alone.
 *
 * <p>The step's loss is the mean over micro-batches weighted by their rows, which equals the mean loss of
 * the whole batch (every row has the same number of tokens).
 */
public final class PipelineSchedule {

    public enum Phase { FORWARD, BACKWARD, REDUCE, UPDATE, DONE }

    private final int batchRows;
    private final int[] rows;
    private final int maxInFlight;
    private final int stages;
    private final boolean training;
    private final double[] losses;
    private final BitSet lossIn = new BitSet();
    private final BitSet backwardIn = new BitSet();
    private final BitSet normIn = new BitSet();
    private final BitSet updatedIn = new BitSet();
    private int forwardsLaunched;
    private int backwardsLaunched;
    private double squaredNorm;
    private long activationBytes;
    private Phase phase = Phase.FORWARD;

    /**
     * @param batchRows    B, the rows of the batch
     * @param microBatches wanted micro-batches; more than B are clamped to B
     * @param maxInFlight  micro-batches launched and not yet finished, at most
     * @param stages       stages that report a gradient norm and an update (groups and the edge)
     * @param training     false for an evaluation: forwards only
     */
    public PipelineSchedule(int batchRows, int microBatches, int maxInFlight, int stages, boolean training) {
        if (batchRows < 1 || microBatches < 1 || maxInFlight < 1 || stages < 1) {
            throw new IllegalArgumentException("need rows, micro-batches, in-flight bound and stages >= 1, got "
                    + batchRows + ", " + microBatches + ", " + maxInFlight + ", " + stages);
        }
        this.batchRows = batchRows;
        this.rows = split(batchRows, Math.min(microBatches, batchRows));
        this.maxInFlight = maxInFlight;
        this.stages = stages;
        this.training = training;
        this.losses = new double[rows.length];
    }

    /** Rows per micro-batch: as equal as possible, the larger ones first. */
    public static int[] split(int batchRows, int microBatches) {
        if (microBatches < 1 || microBatches > batchRows) {
            throw new IllegalArgumentException("micro-batches must be in [1, " + batchRows + "], got " + microBatches);
        }
        int[] out = new int[microBatches];
        for (int k = 0; k < microBatches; k++) {
            out[k] = batchRows / microBatches + (k < batchRows % microBatches ? 1 : 0);
        }
        return out;
    }

    public int microBatches() {
        return rows.length;
    }

    public int rows(int micro) {
        return rows[micro];
    }

    /** The first row of micro-batch {@code micro} within the batch. */
    public int rowOffset(int micro) {
        return Arrays.stream(rows, 0, micro).sum();
    }

    /** The factor of micro-batch {@code micro}'s mean loss in the batch's mean loss. */
    public double weight(int micro) {
        return rows[micro] / (double) batchRows;
    }

    public Phase phase() {
        return phase;
    }

    /** Micro-batches to launch forward now (in order); each is returned once. */
    public List<Integer> nextForwards() {
        List<Integer> out = new ArrayList<>();
        while (phase == Phase.FORWARD && forwardsLaunched < rows.length
                && forwardsLaunched - lossIn.cardinality() < maxInFlight) {
            out.add(forwardsLaunched++);
        }
        return out;
    }

    /** Records micro-batch {@code micro}'s mean loss; the last one ends the forward phase. */
    public void lossReceived(int micro, double loss) {
        require(phase == Phase.FORWARD, "a loss outside the forward phase");
        require(micro >= 0 && micro < forwardsLaunched && !lossIn.get(micro), "unexpected loss of micro-batch " + micro);
        losses[micro] = loss;
        lossIn.set(micro);
        if (lossIn.cardinality() == rows.length) {
            phase = training ? Phase.BACKWARD : Phase.DONE;
        }
    }

    /** Micro-batches to start backward now, last micro-batch first; each is returned once. */
    public List<Integer> nextBackwards() {
        List<Integer> out = new ArrayList<>();
        while (phase == Phase.BACKWARD && backwardsLaunched < rows.length
                && backwardsLaunched - backwardIn.cardinality() < maxInFlight) {
            out.add(rows.length - 1 - backwardsLaunched++);
        }
        return out;
    }

    /** Records a finished backward; returns true when it was the last (the reduction starts). */
    public boolean backwardDone(int micro) {
        require(phase == Phase.BACKWARD, "a backward outside the backward phase");
        int order = rows.length - 1 - micro;
        require(micro >= 0 && micro < rows.length && order < backwardsLaunched && !backwardIn.get(micro),
                "unexpected backward of micro-batch " + micro);
        backwardIn.set(micro);
        if (backwardIn.cardinality() == rows.length) {
            phase = Phase.REDUCE;
            return true;
        }
        return false;
    }

    /**
     * Records a stage's squared gradient norm and its activation peak in the step; returns true when all
     * stages reported.
     */
    public boolean gradNormReceived(int stage, double squared, long activationBytes) {
        require(phase == Phase.REDUCE, "a gradient norm outside the reduction");
        require(stage >= 0 && stage < stages && !normIn.get(stage), "unexpected gradient norm of stage " + stage);
        require(squared >= 0 || Double.isNaN(squared), "negative squared norm " + squared);
        normIn.set(stage);
        squaredNorm += squared;
        this.activationBytes += Math.max(0, activationBytes);
        if (normIn.cardinality() == stages) {
            phase = Phase.UPDATE;
            return true;
        }
        return false;
    }

    /** The sum of the stages' activation peaks (after the reduction). */
    public long activationBytes() {
        return activationBytes;
    }

    /** The global gradient norm over all stages (after the reduction). */
    public double globalNorm() {
        require(phase == Phase.UPDATE || phase == Phase.DONE, "the norm before the reduction finished");
        return Math.sqrt(squaredNorm);
    }

    /** Records a stage's finished update; returns true when all stages updated (the step is done). */
    public boolean updatedReceived(int stage) {
        require(phase == Phase.UPDATE, "an update acknowledgement outside the update phase");
        require(stage >= 0 && stage < stages && !updatedIn.get(stage), "unexpected update of stage " + stage);
        updatedIn.set(stage);
        if (updatedIn.cardinality() == stages) {
            phase = Phase.DONE;
            return true;
        }
        return false;
    }

    /** The batch's mean loss: micro-batch losses weighted by their rows. */
    public double loss() {
        require(lossIn.cardinality() == rows.length, "the loss before every micro-batch reported");
        double sum = 0;
        for (int k = 0; k < rows.length; k++) {
            sum += weight(k) * losses[k];
        }
        return sum;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
