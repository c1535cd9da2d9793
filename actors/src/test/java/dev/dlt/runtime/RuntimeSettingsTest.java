package dev.dlt.runtime;

import static dev.dlt.runtime.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.dlt.model.UserInputException;
import dev.dlt.model.tie.TieMap;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

    @Test
    void pipelineSettingsComeFromHoconWithTheReferenceDefaults() {
        RuntimeSettings s = settings(TieMap.independent(4), 1, 1).withPipeline(ConfigFactory.parseString(
                "dlt.runtime { group-size = 2, micro-batches = 4 }").withFallback(ConfigFactory.load()));
        assertEquals(2, s.groupSize());
        assertEquals(4, s.microBatches());
        assertEquals(4, s.maxInFlight());
        assertEquals(2, s.maxAttempts());
        assertEquals(Duration.ofMinutes(10), s.timeout());
    }

    @Test
    void badValuesAreOneLineUserErrorsNamingTheSetting() {
        UserInputException e = assertThrows(UserInputException.class, () -> settings(TieMap.independent(4), 1, 1)
                .withPipeline(ConfigFactory.parseString("dlt.runtime.group-size = 5").withFallback(ConfigFactory.load())));
        assertTrue(e.getMessage().contains("layer group size must be in [1, 4], got 5"), e.getMessage());
        UserInputException typo = assertThrows(UserInputException.class, () -> settings(TieMap.independent(4), 1, 1)
                .withPipeline(ConfigFactory.parseString("dlt.runtime.micro-batches = many").withFallback(ConfigFactory.load())));
        assertTrue(typo.getMessage().contains("micro-batches"), typo.getMessage());
        assertThrows(UserInputException.class, () -> settings(TieMap.independent(3), 1, 1));
    }
}
