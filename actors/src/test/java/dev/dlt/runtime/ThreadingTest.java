package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dlt.model.engine.IntraOpThreads;
import dev.dlt.model.tie.TieMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/** Every stage handles every message on one thread of its own (the pinned stage dispatcher). */
class ThreadingTest {

    @Test
    void eachStageKeepsOneDedicatedThread() {
        Map<Integer, Set<Thread>> threads = new ConcurrentHashMap<>();
        StageFaults record = (stage, event, round) ->
                threads.computeIfAbsent(stage, s -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread());
        ActorTestKit kit = ActorTestKit.create();
        try (ActorRuntime rt = spawn(kit, settings(TieMap.of(0, 1, 0, 3), 1, 2), record)) {
            for (int k = 0; k < 3; k++) {
                rt.step(batch(k), LR, key(k));
            }
            rt.untie(2);
            rt.step(batch(3), LR, key(3));
        } finally {
            kit.shutdownTestKit();
        }
        assertEquals(5, threads.size(), "four layer groups and the edge: " + threads.keySet());
        Set<Thread> all = new HashSet<>();
        threads.forEach((stage, ts) -> {
            assertEquals(1, ts.size(), "stage " + stage + " ran on " + ts);
            all.addAll(ts);
        });
        assertEquals(5, all.size(), "no two stages share a thread");
    }

    /** Each stage sets PyTorch's intra-op thread count on its own thread; the caller's thread keeps its own. */
    @Test
    void eachStageRunsItsOperatorsWithTheConfiguredThreadCount() {
        int mine = IntraOpThreads.get();
        int wanted = mine == 1 ? 2 : 1;
        Map<Integer, Set<Integer>> seen = new ConcurrentHashMap<>();
        StageFaults record = (stage, event, round) ->
                seen.computeIfAbsent(stage, s -> ConcurrentHashMap.newKeySet()).add(IntraOpThreads.get());
        ActorTestKit kit = ActorTestKit.create();
        try (ActorRuntime rt = spawn(kit, settings(TieMap.independent(4), 2, 2).withIntraOpThreads(wanted), record)) {
            rt.step(batch(0), LR, key(0));
        } finally {
            kit.shutdownTestKit();
        }
        assertEquals(3, seen.size(), "two layer groups and the edge: " + seen.keySet());
        seen.forEach((stage, counts) -> assertEquals(Set.of(wanted), counts, "stage " + stage));
        assertEquals(mine, IntraOpThreads.get(), "the test's own thread is unchanged");
    }
}
