package dev.dlt.model.checkpoint;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;
import dev.dlt.model.UserInputException;
import dev.dlt.model.nn.Dropout;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.TinyModels;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gpt2ExportTest {

    // 3 layers, width 16, 2 heads, vocab 37, 16 positions
    private static final GptConfig C = TinyModels.CONFIG.withDropout(0.0);
    @TempDir
    Path dir;
    private NDManager root;

    @BeforeEach
    void open() {
        root = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        root.close();
    }

    /** A tiny model with layer 1 tied to 0, trained two steps so biases and gains are not at their init. */
    private Gpt trained() {
        Gpt m = TinyModels.model(root, C, TieMap.of(0, 0, 2), GradientMode.SHARED, 5);
        AdamW opt = new AdamW(AdamW.Settings.defaults(), m.manager().newSubManager());
        for (int s = 0; s < 2; s++) {
            TrainingStep.run(m, opt, TinyModels.batch(2, 8, C.vocabSize(), s), 1e-2, 1.0, Dropout.stepKey(1, s));
        }
        return m;
    }

    @Test
    void exportedShapesAreExactlyGpt2s() {
        Path f = dir.resolve("gpt2.safetensors");
        Gpt2Export.write(trained(), f, false);
        Safetensors.Header h = Safetensors.readHeader(f);
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        expected.put("wte.weight", List.of(37L, 16L));
        expected.put("wpe.weight", List.of(16L, 16L));
        for (int i = 0; i < 3; i++) {
            String p = "h." + i + ".";
            expected.put(p + "ln_1.weight", List.of(16L));
            expected.put(p + "ln_1.bias", List.of(16L));
            expected.put(p + "attn.c_attn.weight", List.of(16L, 48L));
            expected.put(p + "attn.c_attn.bias", List.of(48L));
            expected.put(p + "attn.c_proj.weight", List.of(16L, 16L));
            expected.put(p + "attn.c_proj.bias", List.of(16L));
            expected.put(p + "ln_2.weight", List.of(16L));
            expected.put(p + "ln_2.bias", List.of(16L));
            expected.put(p + "mlp.c_fc.weight", List.of(16L, 64L));
            expected.put(p + "mlp.c_fc.bias", List.of(64L));
            expected.put(p + "mlp.c_proj.weight", List.of(64L, 16L));
            expected.put(p + "mlp.c_proj.bias", List.of(16L));
        }
        expected.put("ln_f.weight", List.of(16L));
        expected.put("ln_f.bias", List.of(16L));
        Map<String, List<Long>> actual = new LinkedHashMap<>();
        h.tensors().forEach((k, v) -> {
            List<Long> s = new ArrayList<>();
            for (long d : v.shape()) {
                s.add(d);
            }
            actual.put(k, s);
            assertEquals(Safetensors.DType.F32, v.dtype());
        });
        assertEquals(expected, actual);
        assertEquals("pt", h.metadata().get("format"));
        assertEquals("[0, 0, 2]", h.metadata().get("dlt.ties"));
    }

    @Test
    void conv1dWeightsAreOurLinearWeightsTransposedAndTiedLayersMaterialised() {
        Gpt m = trained();
        Path f = dir.resolve("gpt2.safetensors");
        Gpt2Export.write(m, f, true);
        Map<String, NDArray> t = Safetensors.read(f, root).tensors();
        NDArray ours = m.layerWeights(0).attnW(); // (3C, C)
        float[] exported = t.get("h.1.attn.c_attn.weight").toFloatArray(); // (C, 3C), layer 1 is tied to 0
        float[] o = ours.toFloatArray();
        for (int out = 0; out < 48; out++) {
            for (int in = 0; in < 16; in++) {
                assertEquals(o[out * 16 + in], exported[in * 48 + out]);
            }
        }
        assertArrayEquals(t.get("h.0.mlp.c_fc.weight").toFloatArray(), t.get("h.1.mlp.c_fc.weight").toFloatArray());
        assertArrayEquals(m.tokenEmbedding().toFloatArray(), t.get("lm_head.weight").toFloatArray());
    }

    @Test
    void exportThenImportGivesIdenticalLogits() {
        Gpt m = trained();
        Path f = dir.resolve("gpt2.safetensors");
        Gpt2Export.write(m, f, false);
        var b = TinyModels.batch(2, 8, C.vocabSize(), 77);
        try (NDManager s = root.newSubManager()) {
            NDArray ids = TrainingStep.ids(s, b.inputs(), b);
            float[] expected = m.forward(ids, false, 0).toFloatArray();
            try (Gpt tied = Gpt2Import.read(f, null, TieMap.of(0, 0, 2), GradientMode.SHARED, 0.0, root);
                 Gpt untied = Gpt2Import.read(f, 2, null, GradientMode.SHARED, 0.0, root)) {
                assertEquals(C, tied.config());
                assertEquals(TieMap.independent(3), untied.ties());
                assertEquals(tied.trainableParameters() + C.blockParameters(), untied.trainableParameters());
                assertArrayEquals(expected, tied.forward(ids, false, 0).toFloatArray(), 0f);
                assertArrayEquals(expected, untied.forward(ids, false, 0).toFloatArray(), 0f);
            }
        }
    }

    @Test
    void importAcceptsHuggingFacePrefixesAndBuffersAndInfersHeadsByWidth() throws Exception {
        Gpt m = trained();
        Path ours = dir.resolve("ours.safetensors");
        Gpt2Export.write(m, ours, true);
        Map<String, NDArray> t = new LinkedHashMap<>();
        Safetensors.read(ours, root).tensors().forEach((k, v) -> t.put("transformer." + k, v));
        t.put("transformer.h.0.attn.bias", root.ones(new Shape(1, 1, 16, 16)));
        Path hf = dir.resolve("hf.safetensors");
        Safetensors.write(hf, t, Map.of("format", "pt"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> Gpt2Import.read(hf, null, null, GradientMode.SHARED, 0.0, root));
        assertTrue(e.getMessage().contains("width 16") && e.getMessage().contains("--heads"), e.getMessage());
        try (Gpt g = Gpt2Import.read(hf, 4, null, GradientMode.SHARED, 0.1, root)) {
            assertEquals(new GptConfig(3, 16, 4, 37, 16, 0.1), g.config());
        }
        assertEquals(25, Gpt2Import.defaultHeads(hf, 1600));
        assertEquals(12, Gpt2Import.defaultHeads(hf, 768));
    }

    @Test
    void writeDirectoryAddsAHuggingFaceConfig() throws Exception {
        Gpt2Export.writeDirectory(trained(), dir.resolve("hf"));
        var cfg = Checkpoint.JSON.readTree(Files.readString(dir.resolve("hf/config.json")));
        assertEquals(3, cfg.get("n_layer").asInt());
        assertEquals(16, cfg.get("n_embd").asInt());
        assertEquals(2, cfg.get("n_head").asInt());
        assertEquals(37, cfg.get("vocab_size").asInt());
        assertEquals("gelu_new", cfg.get("activation_function").asText());
        assertTrue(Files.size(dir.resolve("hf/model.safetensors")) > 4L * C.sharedParameters());
    }

    @Test
    void aTensorWithTheWrongShapeIsRejectedNamingTheFile() throws Exception {
        Path f = dir.resolve("gpt2.safetensors");
        Gpt2Export.write(trained(), f, false);
        // Our Linear layout instead of Conv1D: same bytes, wrong orientation.
        SafetensorsTest.rewriteHeader(f, "\"h.2.attn.c_attn.weight\":{\"dtype\":\"F32\",\"shape\":[16,48]",
                "\"h.2.attn.c_attn.weight\":{\"dtype\":\"F32\",\"shape\":[48,16]");
        UserInputException e = assertThrows(UserInputException.class,
                () -> Gpt2Import.read(f, 2, null, GradientMode.SHARED, 0.0, root));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("h.2.attn.c_attn.weight"),
                e.getMessage());
    }
}
