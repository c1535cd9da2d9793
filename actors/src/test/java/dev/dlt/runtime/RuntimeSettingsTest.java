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
        assertEquals(0, s.intraOpThreads(), "auto by default");
        assertEquals(dev.dlt.model.engine.Devices.parse("auto"), s.device(), "the auto device by default");
        assertEquals(ai.djl.Device.cpu(), s.withDevice(ai.djl.Device.cpu()).withPipeline(1, 2, 2).device(),
                "a device survives the other withers");
    }

    @Test
    void autoThreadsShareTheCoresAmongTheStagesThatComputeAtOnce() {
        int cores = Runtime.getRuntime().availableProcessors();
        RuntimeSettings one = settings(TieMap.independent(4), 1, 1).withPipeline(1, 1, 4);
        assertEquals(cores, one.stageThreads(), "one micro-batch: one stage at a time takes every core");
        RuntimeSettings four = one.withPipeline(1, 4, 4);
        assertEquals(Math.max(1, cores / 4), four.stageThreads());
        assertEquals(Math.max(1, cores / 2), one.withPipeline(1, 4, 2).stageThreads(), "bounded by max-in-flight");
        assertEquals(Math.max(1, cores / 2), one.withPipeline(4, 4, 4).stageThreads(), "bounded by 2 stages");
        assertEquals(3, four.withIntraOpThreads(3).stageThreads());
        RuntimeSettings fixed = one.withPipeline(ConfigFactory.parseString("dlt.runtime.intra-op-threads = 2")
                .withFallback(ConfigFactory.load()));
        assertEquals(2, fixed.stageThreads());
    }

    @Test
    void badThreadCountsNameTheSetting() {
        for (String bad : new String[] {"0", "-1", "many"}) {
            UserInputException e = assertThrows(UserInputException.class, () -> settings(TieMap.independent(4), 1, 1)
                    .withPipeline(ConfigFactory.parseString("dlt.runtime.intra-op-threads = " + bad)
                            .withFallback(ConfigFactory.load())));
            assertTrue(e.getMessage().contains("intra-op-threads must be auto"), e.getMessage());
        }
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
