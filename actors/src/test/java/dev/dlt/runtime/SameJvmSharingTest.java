package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.dlt.model.tie.TieMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/**
 * A root's new weights reach a follower group in the same JVM as handles over the root's own storage
 * ({@code WeightsShared}) and as bytes ({@code WeightsUpdated}) when messages are serialized; the losses are
 * the local trainer's either way.
 */
class SameJvmSharingTest {

    private static final TieMap TIES = TieMap.of(0, 1, 0, 3); // layer 2 (group 1) follows root 0 (group 0)
    private static final int STEPS = 3;

    private static Map<String, AtomicInteger> run(ActorTestKit kit, double[] expected) {
        Map<String, AtomicInteger> followerEvents = new ConcurrentHashMap<>();
        StageFaults record = (stage, event, round) -> {
            if (stage == 1) {
                followerEvents.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
            }
        };
        try (ActorRuntime rt = spawn(kit, settings(TIES, 2, 1), record)) {
            for (int k = 0; k < STEPS; k++) {
                double loss = rt.step(batch(k), LR, key(k)).loss();
                assertTrue(relativeDifference(loss, expected[k]) <= 1e-5, "step " + k + ": " + loss + " vs " + expected[k]);
            }
        } finally {
            kit.shutdownTestKit();
        }
        return followerEvents;
    }

    @Test
    void inOneJvmTheFollowerGetsTheRootsStorageElsewhereBytes() {
        double[] expected = referenceLosses(settings(TIES, 2, 1), STEPS);
        Map<String, AtomicInteger> local = run(ActorTestKit.create(), expected);
        assertEquals(STEPS, count(local, "shared-weights"), "one hand-over of storage per update: " + local);
        assertEquals(0, count(local, "weights"), local.toString());

        Map<String, AtomicInteger> serialized = run(ActorTestKit.create("serialized", ConfigFactory.parseString(
                "pekko.actor.serialize-messages = on\npekko.actor.serialize-creators = off")
                .withFallback(ActorTestKit.applicationTestConfig())), expected);
        assertEquals(STEPS, count(serialized, "weights"), "bytes when messages are serialized: " + serialized);
        assertEquals(0, count(serialized, "shared-weights"), serialized.toString());
        assertTrue(List.of("forward", "backward").stream().allMatch(local::containsKey));
    }

    private static int count(Map<String, AtomicInteger> events, String event) {
        AtomicInteger n = events.get(event);
        return n == null ? 0 : n.get();
    }
}
