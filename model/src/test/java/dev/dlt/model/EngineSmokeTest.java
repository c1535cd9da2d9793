package dev.dlt.model;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineSmokeTest {
    @Test
    void pytorchRunsOffline() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals("PyTorch", m.getEngine().getEngineName());
            assertEquals(6f, m.create(new float[] {1, 2, 3}).sum().getFloat(), 0f);
        }
    }
}
