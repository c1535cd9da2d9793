package dev.dlt.model.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The intra-op thread count is per calling thread: a stage's setting leaves other threads alone. */
class IntraOpThreadsTest {

    @Test
    void aThreadsSettingDoesNotChangeAnotherThread() throws InterruptedException {
        int before;
        try (NDManager m = NDManager.newBaseManager()) {
            m.ones(new Shape(4)).sum().getFloat(); // this thread has run an operator
            before = IntraOpThreads.get();
        }
        int wanted = before == 1 ? 2 : 1;
        AtomicInteger seen = new AtomicInteger();
        Thread stage = new Thread(() -> {
            IntraOpThreads.set(wanted);
            seen.set(IntraOpThreads.get());
        });
        stage.start();
        stage.join();
        assertEquals(wanted, seen.get());
        assertEquals(before, IntraOpThreads.get());
    }

    @Test
    void zeroThreadsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> IntraOpThreads.set(0));
    }
}
