package dev.dlt.runtime.stage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.dlt.model.nn.Dropout;
import dev.dlt.runtime.Tensor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * How tensors leave one stage for another: as bytes ({@link Tensor}, the protocol), or, between stages of
 * one actor system whose messages are not serialized, as handles over the sender's own storage (no copy).
 * A handle is a separate PyTorch tensor sharing the storage (reference-counted, so the storage lives while
 * the handle does), detached from every manager: the message that carries it owns it, then its receiver,
 * which attaches it to a scope of its own or closes it. Senders never write what they hand off.
 */
final class Handoff {

    private Handoff() {}

    /** Whether tensors for {@code to} may travel as handles. */
    static boolean sharesMemory(ActorSystem<?> system, ActorRef<?> to) {
        return to.path().address().hasLocalScope() && !system.settings().classicSettings().SerializeAllMessages();
    }

    /** A handle over {@code a}'s storage outside the autograd graph, owned by no manager. */
    static NDArray handle(NDArray a) {
        NDArray h = a.stopGradient();
        h.detach();
        return h;
    }

    /** Received bytes, copied into the receiver's scope. */
    static Function<NDManager, NDArray> bytes(Tensor t) {
        return t::toArray;
    }

    /**
     * A received handle on its way into the receiver's scope: {@link #into} attaches it (the scope frees it
     * then); {@link #close()} frees it if it never got there (a stale round, a failed handler).
     */
    static final class Adoption implements AutoCloseable {
        private final NDArray handle;
        private boolean adopted;

        Adoption(NDArray handle) {
            this.handle = handle;
        }

        NDArray into(NDManager scope) {
            handle.attach(scope);
            adopted = true;
            return handle;
        }

        @Override
        public void close() {
            if (!adopted) {
                handle.close();
            }
        }
    }

    /** Activations {@code y} for the next stage, in the form {@code shared} says. */
    static Stage.Command activations(boolean shared, long round, int micro, boolean training, Dropout.Key key,
                                     NDArray y) {
        return shared ? new Stage.ActivationsShared(round, micro, training, key, handle(y))
                : new Stage.Activations(round, micro, training, key, Tensor.of(y));
    }

    /** The gradient {@code dx} of a stage's input for the stage before, in the form {@code shared} says. */
    static Stage.Command gradient(boolean shared, long round, int micro, NDArray dx) {
        return shared ? new Stage.GradientShared(round, micro, handle(dx))
                : new Stage.Gradient(round, micro, Tensor.of(dx));
    }
}
