package dev.dlt.agent;

import static org.junit.jupiter.api.Assertions.*;

import dev.dlt.model.tie.TieMap;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AgentStateCodecTest {

    @Test
    void roundTripIsExactAndTruncationIsDetected() {
        TiePolicy p = PolicyKind.parse("dlt").create(4, AgentConfig.reference().withSeed(3), 0);
        TieMap s = p.initialState();
        p.startEpisode(0);
        for (int i = 1; i < 4; i++) {
            int a = p.decide(i, s);
            TieMap next = s.apply(i, a);
            p.learn(i, s, a, -1.5 * i, next);
            s = next;
        }
        p.endEpisode();
        AgentState before = p.snapshot();
        byte[] bytes = AgentStateCodec.encode(before);
        AgentState after = AgentStateCodec.decode(bytes);
        assertArrayEquals(before.parameters(), after.parameters(), 0.0);
        assertArrayEquals(before.adamSecondMoment(), after.adamSecondMoment(), 0.0);
        assertEquals(before.epsilon(), after.epsilon(), 0.0);
        assertEquals(before.rngState(), after.rngState());
        assertThrows(IllegalArgumentException.class, () -> AgentStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        byte[] bad = bytes.clone();
        bad[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> AgentStateCodec.decode(bad));
    }
}
