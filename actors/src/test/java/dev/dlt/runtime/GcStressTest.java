package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;

import dev.dlt.model.tie.TieMap;
import dev.dlt.runtime.Script.Eval;
import dev.dlt.runtime.Script.Op;
import dev.dlt.runtime.Script.Step;
import dev.dlt.runtime.Script.Tie;
import dev.dlt.runtime.Script.Untie;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/**
 * The runtime makes plenty of garbage (every message carries byte arrays). With a thread forcing GCs all
 * along, steps and tie changes must still give the local run's losses: no native memory the stages use
 * may hang on a Java object the collector can free.
 */
class GcStressTest {

    @Test
    void theRunIsUnchangedWhileGarbageIsCollectedConstantly() throws InterruptedException {
        List<Op> ops = List.of(new Step(), new Step(), new Untie(2), new Step(), new Tie(1, 0), new Step(),
                new Eval());
        RuntimeSettings s = settings(TieMap.of(0, 1, 1, 1), 2, 1);
        List<Double> expected = Script.local(s, ops);
        ActorTestKit kit = ActorTestKit.create();
        Thread gc = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        gc.setDaemon(true);
        gc.start();
        try (ActorRuntime rt = spawn(kit, s, StageFaults.NONE)) {
            Script.assertSame(expected, Script.actors(rt, ops));
        } finally {
            gc.interrupt();
            gc.join();
            kit.shutdownTestKit();
        }
    }
}
