package dev.dlt.agent;

import dev.dlt.model.UserInputException;
import dev.dlt.model.tie.TieMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyKindTest {

    @Test
    void everyCliNameParsesAndCreatesItsPolicy() {
        AgentConfig config = AgentConfig.reference();
        assertInstanceOf(DltPolicy.class, PolicyKind.parse("dlt").create(6, config, 0));
        assertInstanceOf(RandomPolicy.class, PolicyKind.parse("random").create(6, config, 0));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, PolicyKind.parse("conventional").create(6, config, 0).initialState().toArray());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, PolicyKind.parse("all-shared").create(6, config, 0).initialState().toArray());
        assertArrayEquals(new int[] {0, 0, 2, 2, 4, 4}, PolicyKind.parse("sequence").create(6, config, 0).initialState().toArray());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, PolicyKind.parse("CYCLE").create(6, config, 0).initialState().toArray());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, PolicyKind.parse("cycle").create(6, config, 2).initialState().toArray());
        TiePolicy rev = PolicyKind.parse("cycle-rev").create(6, config, 0);
        assertEquals("cycle-rev", rev.name());
        assertArrayEquals(new int[] {0, 1, 2, 2, 1, 0}, rev.initialState().toArray());
        assertEquals(TieMap.allTiedToFirst(6), PolicyKind.DLT.create(6, config, 0).initialState());
    }

    @Test
    void unknownPolicyNamesTheAllowedValues() {
        UserInputException e = assertThrows(UserInputException.class, () -> PolicyKind.parse("albert"));
        assertEquals("unknown --policy 'albert': expected dlt, random, conventional, all-shared, sequence, cycle, cycle-rev",
                e.getMessage());
    }

    @Test
    void presets() {
        AgentConfig ref = AgentConfig.preset("reference", 0);
        assertEquals(128, ref.hidden());
        assertEquals(1e-3, ref.learningRate());
        assertEquals(0.01, ref.weightDecay());
        assertEquals(0.99, ref.gamma());
        assertEquals(0.95, ref.epsilon().decay());
        assertEquals(0.01, ref.epsilon().floor());
        assertEquals(false, ref.normaliseInput());
        assertInstanceOf(Reward.Paper.class, ref.reward());
        assertEquals(0.0, ref.switchCost());
        assertEquals(0.0, ref.hysteresis());

        AgentConfig improved = AgentConfig.preset("improved", 5);
        assertEquals(0.01, improved.epsilon().epsilon(3)); // floor after ceil(0.5 · 5) episodes
        assertInstanceOf(Reward.Improvement.class, improved.reward());

        assertEquals("unknown --agent-preset 'best': expected reference or improved",
                assertThrows(UserInputException.class, () -> AgentConfig.preset("best", 5)).getMessage());
        assertThrows(UserInputException.class, () -> AgentConfig.preset("improved", 0));
        assertThrows(UserInputException.class, () -> AgentConfig.reference().withGamma(1.5));
    }
}
