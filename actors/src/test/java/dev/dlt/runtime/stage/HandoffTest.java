package dev.dlt.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.ConfigFactory;
import dev.dlt.model.nn.Dropout;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/** Activations and gradients travel as handles over the sender's storage in one JVM, as bytes otherwise. */
class HandoffTest {

    @Test
    void handlesOnlyWhenMessagesStayInThisJvmUnserialized() {
        ActorTestKit plain = ActorTestKit.create();
        ActorTestKit serialized = ActorTestKit.create("serialized", ConfigFactory.parseString(
                "pekko.actor.serialize-messages = on\npekko.actor.serialize-creators = off")
                .withFallback(ActorTestKit.applicationTestConfig()));
        try {
            assertTrue(Handoff.sharesMemory(plain.system(), plain.<Stage.Command>createTestProbe().ref()));
            assertFalse(Handoff.sharesMemory(serialized.system(), serialized.<Stage.Command>createTestProbe().ref()));
        } finally {
            plain.shutdownTestKit();
            serialized.shutdownTestKit();
        }
    }

    @Test
    void aHandleIsTheSendersStorageAndOutlivesTheSendersArray() {
        try (NDManager sender = NDManager.newBaseManager(); NDManager receiver = NDManager.newBaseManager()) {
            NDArray y = sender.arange(0f, 12f).reshape(new Shape(1, 3, 4));
            Stage.Command shared = Handoff.activations(true, 1, 0, true, Dropout.Key.of(1), y);
            Stage.ActivationsShared m = assertInstanceOf(Stage.ActivationsShared.class, shared);
            NDArray x;
            try (Handoff.Adoption a = new Handoff.Adoption(m.x())) {
                x = a.into(receiver);
            }
            y.addi(100f); // only to show the storage is one; senders never write what they hand off
            assertArrayEquals(y.toFloatArray(), x.toFloatArray());
            float[] before = x.toFloatArray();
            y.close();
            assertArrayEquals(before, x.toFloatArray(), "the storage lives while the receiver's handle does");
            assertFalse(x.isReleased(), "an adopted handle belongs to the receiver's scope");

            Stage.Command bytes = Handoff.activations(false, 1, 0, true, Dropout.Key.of(1), x);
            assertArrayEquals(before, assertInstanceOf(Stage.Activations.class, bytes).x().toArray(receiver).toFloatArray());
        }
    }

    @Test
    void aHandleNobodyAdoptedIsFreed() {
        try (NDManager sender = NDManager.newBaseManager()) {
            NDArray h = Handoff.handle(sender.ones(new Shape(2)));
            try (Handoff.Adoption a = new Handoff.Adoption(h)) {
                assertFalse(h.isReleased());
            }
            assertTrue(h.isReleased(), "a stale message's handle is freed, not leaked");
        }
    }
}
