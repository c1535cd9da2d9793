package dev.dlt.agent;

import dev.dlt.model.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpsilonScheduleTest {

    @Test
    void paperScheduleDecaysByFivePercentPerEpisodeToTheFloor() {
        EpsilonSchedule s = EpsilonSchedule.paper();
        assertEquals(1.0, s.epsilon(0));
        assertEquals(0.95, s.epsilon(1), 1e-15);
        assertEquals(0.9025, s.epsilon(2), 1e-15);
        assertEquals(0.7737809375, s.epsilon(5), 1e-15); // the 0.77 left after 5 episodes in FINDINGS.md
        // 0.95^89 = 0.0104 > 0.01 and 0.95^90 = 0.00989 < 0.01
        assertEquals(0.010408, s.epsilon(89), 1e-6);
        assertEquals(0.01, s.epsilon(90));
        assertEquals(0.01, s.epsilon(1000));
    }

    @Test
    void sizedScheduleReachesTheFloorAfterTheChosenFraction() {
        EpsilonSchedule.SizedToRun s = new EpsilonSchedule.SizedToRun(1.0, 0.01, 5, 0.5);
        assertEquals(3, s.explorationEpisodes()); // ceil(2.5)
        assertEquals(StrictMath.pow(0.01, 1.0 / 3), s.decay(), 1e-15);
        assertEquals(1.0, s.epsilon(0));
        assertEquals(0.21544346900318834, s.epsilon(1), 1e-15);
        assertEquals(0.046415888336127774, s.epsilon(2), 1e-15);
        assertEquals(0.01, s.epsilon(3));
        assertEquals(0.01, s.epsilon(5));

        EpsilonSchedule.SizedToRun longRun = new EpsilonSchedule.SizedToRun(1.0, 0.05, 100, 0.4);
        assertEquals(40, longRun.explorationEpisodes());
        assertTrue(longRun.epsilon(39) > 0.05);
        assertEquals(0.05, longRun.epsilon(40));
    }

    @Test
    void policyDecaysEpsilonAtEachEpisodeEnd() {
        DltPolicy policy = new DltPolicy(AgentConfig.reference(), 4);
        for (int e = 0; e < 10; e++) {
            policy.startEpisode(e);
            policy.endEpisode();
        }
        assertEquals(Math.pow(0.95, 10), policy.epsilon(), 1e-15);
        assertEquals(10, policy.episodesDone());
    }

    @Test
    void invalidSettingsAreUserErrors() {
        assertThrows(UserInputException.class, () -> new EpsilonSchedule.Geometric(1.0, 1.5, 0.01));
        assertThrows(UserInputException.class, () -> new EpsilonSchedule.Geometric(1.0, 0.9, 2.0));
        assertThrows(UserInputException.class, () -> new EpsilonSchedule.SizedToRun(1.0, 0.01, 0, 0.5));
        assertThrows(UserInputException.class, () -> new EpsilonSchedule.SizedToRun(1.0, 0.01, 10, 0));
    }
}
