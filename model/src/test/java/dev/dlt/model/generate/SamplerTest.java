package dev.dlt.model.generate;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;
import dev.dlt.model.UserInputException;
import dev.dlt.model.data.Batch;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.TinyModels;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamplerTest {

    // Block size 8 so a 20-token generation must crop its context.
    private static final GptConfig C = new GptConfig(2, 16, 2, 37, 8, 0.1);
    private static NDManager root;
    private static Gpt model;

    /** One model for all tests: sampling never changes it. */
    @BeforeAll
    static void open() {
        root = NDManager.newBaseManager();
        model = TinyModels.model(root, C, TieMap.of(0, 0), GradientMode.SHARED, 3);
        // Teach it "next = id + 1 (mod V)" a little, so argmax decoding walks through many ids instead of
        // repeating one, while sampling at temperature 2 stays random.
        AdamW opt = new AdamW(AdamW.Settings.defaults(), model.manager().newSubManager());
        for (int step = 0; step < 40; step++) {
            TrainingStep.run(model, opt, counting(step), 1e-2, 1.0, step);
        }
    }

    private static Batch counting(int step) {
        int b = 4;
        int t = C.blockSize();
        int[] in = new int[b * t];
        int[] out = new int[b * t];
        for (int i = 0; i < in.length; i++) {
            in[i] = (step * 5 + i / t * 11 + i % t) % C.vocabSize();
            out[i] = (in[i] + 1) % C.vocabSize();
        }
        return new Batch(step, b, t, in, out);
    }

    @AfterAll
    static void close() {
        root.close();
    }

    @Test
    void sameSeedSameTokensOtherSeedOtherTokens() {
        int[] prompt = {1, 2, 3};
        Sampler.Settings s = new Sampler.Settings(20, 2.0, 0, 42);
        int[] a = Sampler.generate(model, prompt, s);
        int[] b = Sampler.generate(model, prompt, s);
        int[] c = Sampler.generate(model, prompt, new Sampler.Settings(20, 2.0, 0, 43));
        assertEquals(20, a.length);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), Arrays.toString(a) + " vs " + Arrays.toString(c));
        for (int id : a) {
            assertTrue(id >= 0 && id < C.vocabSize());
        }
    }

    @Test
    void topKOneIsGreedyArgmaxWithContextCropping() {
        int[] prompt = {5, 6, 7, 8, 9, 10};
        int[] sampled = Sampler.generate(model, prompt, new Sampler.Settings(12, 0.7, 1, 99));
        assertArrayEquals(greedy(prompt, 12), sampled);
        assertTrue(Arrays.stream(sampled).distinct().count() > 2, "not a constant sequence: " + Arrays.toString(sampled));
        assertArrayEquals(sampled, Sampler.generate(model, prompt, new Sampler.Settings(12, 2.0, 1, 1)),
                "k = 1 ignores seed and temperature");
    }

    /** Argmax decoding written independently: full forward over the last blockSize tokens. */
    private static int[] greedy(int[] prompt, int n) {
        List<Integer> seq = new ArrayList<>();
        for (int id : prompt) {
            seq.add(id);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            List<Integer> ctx = seq.subList(Math.max(0, seq.size() - C.blockSize()), seq.size());
            try (NDManager s = root.newSubManager()) {
                NDArray ids = s.create(ctx.stream().mapToLong(Integer::longValue).toArray(), new Shape(1, ctx.size()));
                out[i] = (int) model.forward(ids, false, 0).get(new NDIndex(0, ctx.size() - 1)).argMax().getLong();
            }
            seq.add(out[i]);
        }
        return out;
    }

    @Test
    void drawFollowsTheTemperatureScaledSoftmaxOverTheTopK() {
        float[] logits = {0f, (float) Math.log(3), 5f, -1f};
        // temperature 1, top 2: p(2) = e^5/(e^5+3), then token 1
        double p2 = Math.exp(5) / (Math.exp(5) + 3);
        assertEquals(2, Sampler.draw(logits, 1.0, 2, p2 - 1e-9));
        assertEquals(1, Sampler.draw(logits, 1.0, 2, p2 + 1e-9));
        assertEquals(1, Sampler.draw(logits, 1.0, 2, 0.999999));
        // top 0 = all: the last token -1 is reachable only with every token kept
        assertEquals(3, Sampler.draw(logits, 1.0, 0, 0.9999999999));
        // a huge temperature flattens: u = 0.3 lands on the second most likely of four near-equal tokens
        assertEquals(1, Sampler.draw(logits, 100, 0, 0.3));
        assertEquals(2, Sampler.draw(logits, 1.0, 1, 0.999));
    }

    @Test
    void invalidSettingsAndPromptsAreRejectedWithOneLine() {
        assertThrows(UserInputException.class, () -> new Sampler.Settings(5, 0, 0, 1));
        assertThrows(UserInputException.class, () -> new Sampler.Settings(5, -1, 0, 1));
        assertThrows(UserInputException.class, () -> new Sampler.Settings(5, Double.NaN, 0, 1));
        UserInputException e = assertThrows(UserInputException.class, () -> new Sampler.Settings(5, 101, 0, 1));
        assertEquals("--temperature must be in (0, 100], got 101.0", e.getMessage());
        assertThrows(UserInputException.class, () -> new Sampler.Settings(5, 1, -1, 1));
        assertThrows(UserInputException.class, () -> new Sampler.Settings(-1, 1, 0, 1));
        Sampler.Settings ok = new Sampler.Settings(3, 1, 0, 1);
        assertThrows(UserInputException.class, () -> Sampler.generate(model, new int[0], ok));
        e = assertThrows(UserInputException.class, () -> Sampler.generate(model, new int[] {37}, ok));
        assertTrue(e.getMessage().contains("37") && e.getMessage().contains("[0, 37)"), e.getMessage());
    }

    @Test
    void stopTokenEndsGenerationEarly() {
        int[] first = Sampler.generate(model, new int[] {1}, new Sampler.Settings(10, 1.0, 1, 0));
        int[] stopped = Sampler.generate(model, new int[] {1}, new Sampler.Settings(10, 1.0, 1, 0, first[2]));
        int at = 0;
        while (first[at] != first[2]) {
            at++;
        }
        assertArrayEquals(Arrays.copyOf(first, at + 1), stopped);
    }
}
