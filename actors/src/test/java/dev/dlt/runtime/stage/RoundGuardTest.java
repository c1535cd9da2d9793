package dev.dlt.runtime.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dlt.runtime.StageFaults;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundGuardTest {

    private final StageMemory<String, String> memory = new StageMemory<>("initial");
    private final List<String> log = new ArrayList<>();

    private RoundGuard guard(StageFaults faults) {
        return new RoundGuard(3, "layer group 3", memory, faults, () -> log.add("new round"));
    }

    private void run(RoundGuard g, long round, String event) {
        g.run(round, event, () -> log.add(event + "@" + round));
    }

    @Test
    void dropsOlderRoundsAndResetsOncePerNewerRound() {
        RoundGuard g = guard(StageFaults.NONE);
        run(g, 2, "forward");
        run(g, 2, "backward");
        run(g, 1, "stale");
        run(g, 5, "reduce");
        assertEquals(List.of("new round", "forward@2", "backward@2", "new round", "reduce@5"), log);
        assertEquals(5, g.round());
        assertEquals(5, memory.newestRound);
    }

    @Test
    void aRestartedStageDropsEveryRoundItSawBefore() {
        run(guard(StageFaults.NONE), 4, "forward");
        log.clear();
        RoundGuard restarted = guard(StageFaults.NONE);
        run(restarted, 4, "backward");
        run(restarted, 3, "stale");
        run(restarted, 6, "forward");
        assertEquals(List.of("new round", "forward@6"), log);
    }

    @Test
    void aRollbackMakesItsRoundCurrentWithoutTheResetHook() {
        RoundGuard g = guard(StageFaults.NONE);
        run(g, 7, "forward");
        g.rollBack(8);
        run(g, 7, "stale");
        run(g, 8, "forward");
        assertEquals(List.of("new round", "forward@7", "forward@8"), log);
        assertEquals(8, memory.newestRound);
    }

    @Test
    void aFailureIsRememberedForTheRestartReportAndRethrown() {
        List<String> checked = new ArrayList<>();
        RoundGuard g = guard((stage, event, round) -> checked.add(stage + " " + event + " " + round));
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> g.run(9, "update", () -> {
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(List.of("3 update 9"), checked);
        assertEquals("layer group 3 failed in update of round 9: java.lang.IllegalStateException: boom",
                memory.lastError);
    }

    @Test
    void anInjectedFaultStopsTheHandler() {
        RoundGuard g = guard((stage, event, round) -> {
            throw new RuntimeException("injected");
        });
        assertThrows(RuntimeException.class, () -> run(g, 1, "forward"));
        assertEquals(List.of("new round"), log);
        assertEquals("layer group 3 failed in forward of round 1: java.lang.RuntimeException: injected",
                memory.lastError);
    }
}
