package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.Script.Eval;
import dev.dlt.runtime.Script.Op;
import dev.dlt.runtime.Script.Step;
import dev.dlt.runtime.Script.Untie;
import dev.dlt.runtime.stage.Stage;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every message is serialisable: with {@code serialize-messages = on} each message is written to CBOR
 * and read back before delivery, and a run with steps, a cross-group untie and an evaluation still equals
 * the local run; a snapshot of the whole model travels too.
 */
class SerializationTest {

    @Test
    void stepsAndATieChangeWithEveryMessageSerialised() {
        ActorTestKit kit = ActorTestKit.create("serialized", ConfigFactory.parseString(
                "pekko.actor.serialize-messages = on\npekko.actor.serialize-creators = off")
                .withFallback(ActorTestKit.applicationTestConfig()));
        try {
            Serialization serialization = SerializationExtension.get(kit.system());
            Object probe = new Tensor(new long[] {1}, new byte[4]);
            assertEquals(JacksonCborSerializer.class, serialization.findSerializerFor(probe).getClass(),
                    "messages must go through Jackson CBOR, not Java serialisation");
            assertTrue(kit.system().settings().classicSettings().SerializeAllMessages());
            Stage.Activations msg = new Stage.Activations(3, 1, true, new Dropout.Key(42L, 8),
                    new Tensor(new long[] {1, 2}, new byte[] {0, 0, -128, 63, 0, 0, 0, 64}));
            byte[] bytes = serialization.serialize(msg).get();
            Stage.Activations back = (Stage.Activations) serialization.deserialize(bytes,
                    serialization.findSerializerFor(msg).identifier(), org.apache.pekko.serialization.Serializers.manifestFor(
                            serialization.findSerializerFor(msg), msg)).get();
            assertArrayEquals(msg.x().data(), back.x().data());
            assertArrayEquals(msg.x().shape(), back.x().shape());
            assertEquals(msg.dropout(), back.dropout());
            RuntimeSettings s = settings(TieMap.of(0, 1, 1, 1), 2, 1);
            List<Op> ops = List.of(new Step(), new Untie(2), new Step(), new Eval());
            List<Double> expected = Script.local(s, ops);
            try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE)) {
                Script.assertSame(expected, Script.actors(rt, ops));
                ModelState state = rt.snapshot(); // the largest message: every stage's weights and moments
                assertEquals(2, state.adamSteps());
                assertEquals(java.util.Set.of(0, 1, 2), state.roots().keySet());
            }
        } finally {
            kit.shutdownTestKit();
        }
    }
}
