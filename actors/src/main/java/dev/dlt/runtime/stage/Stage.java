package dev.dlt.runtime.stage;

import dev.dlt.model.nn.Dropout;
import dev.dlt.runtime.CborSerializable;
import dev.dlt.runtime.Tensor;
import dev.dlt.runtime.pipeline.Coordinator;
import ai.djl.ndarray.NDArray;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The protocol every pipeline stage speaks: the {@link EdgeActor} (embeddings and head) and the
 * {@link LayerGroupActor}s. One protocol for both, because activations and gradients flow through the
 * stages alike: Embed → edge → group 0 → … → group G−1 → edge (head, loss); backward the other way.
 *
 * <p>Every message of a job carries the coordinator's {@code round}, a number that grows with every
 * job (step attempt, evaluation, tie change, rollback). A stage drops messages of a round older than its
 * current one, so a retried step never mixes with the remains of the failed attempt.
 */
public final class Stage {

    private Stage() {}

    public sealed interface Command extends CborSerializable
            permits Wire, Embed, Activations, ActivationsShared, BackwardHead, Gradient, GradientShared, Reduce,
            FollowerGradients, ApplyUpdate, WeightsUpdated, WeightsShared, ApplyTies, ExportLayer, LayerExport, ExportState, Rollback {}

    /** Who is who; sent once by the coordinator before any work. */
    public record Wire(List<ActorRef<Command>> groups, ActorRef<Command> edge) implements Command {}

    /**
     * Coordinator → edge: start micro-batch {@code micro}. {@code weight} = its rows / the batch's rows, so
     * the weighted sum of micro-batch mean losses is the full batch's mean loss.
     */
    public record Embed(long round, int micro, boolean training, Dropout.Key dropout, int rows, int seqLen,
                        int[] inputs, int[] targets, double weight) implements Command {}

    /** Activations (B, T, C) from one stage to the next; from the last group they go to the edge's head. */
    public record Activations(long round, int micro, boolean training, Dropout.Key dropout, Tensor x)
            implements Command {}

    /**
     * The same-JVM form of {@link Activations}: a handle over the sender's storage instead of bytes (see
     * {@link Handoff}); owned by the message until its receiver adopts it.
     */
    public record ActivationsShared(long round, int micro, boolean training, Dropout.Key dropout, NDArray x)
            implements Command, NoSerializationVerificationNeeded {}

    /** Coordinator → edge: backward of one micro-batch from its weighted loss. */
    public record BackwardHead(long round, int micro) implements Command {}

    /** The gradient with respect to a stage's input, to the stage before (group 0 sends it to the edge). */
    public record Gradient(long round, int micro, Tensor dx) implements Command {}

    /** The same-JVM form of {@link Gradient}: a handle instead of bytes (see {@link Handoff}). */
    public record GradientShared(long round, int micro, NDArray dx) implements Command, NoSerializationVerificationNeeded {}

    /**
     * Coordinator → all stages: every backward of the round is done. Groups send their remote followers'
     * weight gradients to the roots' groups, then report the squared norm of their roots' gradients.
     */
    public record Reduce(long round) implements Command {}

    /** Weight gradients of copies of {@code fromGroup}'s receiver's roots, one entry per root. */
    public record FollowerGradients(long round, int fromGroup, List<LayerTensors> layers) implements Command {}

    /** Coordinator → all stages: one AdamW update with the global clip factor. */
    public record ApplyUpdate(long round, double lr, double gradScale) implements Command {}

    /** A root's new weights, from its group to a group that computes with them. */
    public record WeightsUpdated(long round, int fromGroup, List<LayerTensors> layers) implements Command {}

    /**
     * The same-JVM form of {@link WeightsUpdated}: instead of the bytes of a root's new weights, handles over
     * the root's own weight storage, so the follower computes with the very same memory. Each handle is a
     * separate PyTorch tensor (its own gradient) sharing the root's storage, reference-counted: the storage
     * lives as long as any handle does, whatever the root does to its own arrays. The sender detaches the
     * handles from its managers; from delivery on the receiver owns them (attaches them to its manager or
     * closes them). The root writes the storage only in its update, when no follower computes. Sent only
     * between stages of one actor system with {@code serialize-messages} off; it cannot be serialized, and
     * is never sent where it would have to be.
     */
    public record WeightsShared(long round, int fromGroup, List<SharedLayer> layers)
            implements Command, NoSerializationVerificationNeeded {

        /** Frees the handles of a message that will not be used (a stale round). */
        public void close() {
            layers.forEach(l -> l.handles().forEach(NDArray::close));
        }
    }

    /** Handles over the storage of one root's tensors, in {@link dev.dlt.model.nn.LayerWeights#NAMES} order. */
    public record SharedLayer(int layer, List<NDArray> handles) {}

    /** Coordinator → groups, at a step boundary: move from tie state {@code before} to {@code after}. */
    public record ApplyTies(long round, int[] before, int[] after) implements Command {}

    /** Asks a root's group for the root's weights (and AdamW moments, for an untie). */
    public record ExportLayer(long round, int layer, boolean withMoments, ActorRef<Command> replyTo)
            implements Command {}

    public record LayerExport(long round, int layer, LayerState state) implements Command {}

    /**
     * Coordinator → all stages, at a step boundary: send your whole state (weights, moments, AdamW counter)
     * as bytes, for a checkpoint.
     */
    public record ExportState(long round) implements Command {}

    /** Coordinator → all stages: return to the last good state (the end of the last finished job). */
    public record Rollback(long round) implements Command {}

    /** The tensors of one layer, in {@link dev.dlt.model.nn.LayerWeights#NAMES} order. */
    public record LayerTensors(int layer, List<Tensor> tensors) implements CborSerializable {}

    /** Weights and AdamW moments of one layer; {@code m} and {@code v} are empty before its first update. */
    public record LayerState(List<Tensor> weights, List<Tensor> m, List<Tensor> v) implements CborSerializable {
        public LayerState {
            weights = List.copyOf(weights);
            m = List.copyOf(m);
            v = List.copyOf(v);
            if (m.size() != v.size() || !(m.isEmpty() || m.size() == weights.size())) {
                throw new IllegalArgumentException("moments must be absent or one pair per weight");
            }
        }

        public boolean hasMoments() {
            return !m.isEmpty();
        }

        /** Every tensor: weights, then m, then v. */
        public List<Tensor> tensors() {
            List<Tensor> all = new java.util.ArrayList<>(weights);
            all.addAll(m);
            all.addAll(v);
            return all;
        }
    }
}
