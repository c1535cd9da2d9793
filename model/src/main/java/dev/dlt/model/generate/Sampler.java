package dev.dlt.model.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.UserInputException;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Gpt;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Autoregressive sampling from a {@link Gpt}, as nanoGPT's {@code sample.py}: the context is cropped to
 * the block size, the last position's logits are divided by the temperature, all but the top k are
 * dropped, and the next token is drawn from the softmax. The draw uses a Java generator seeded with
 * {@link Settings#seed()} (not PyTorch's global one), so the same seed gives the same tokens.
 *
 * <p>Runs on the thread that owns the model, with grad mode off; each step's tensors live in a scratch
 * manager closed before the next step.
 */
public final class Sampler {

    /**
     * @param maxTokens   tokens to generate, in [0, 1000000]
     * @param temperature softmax temperature, in (0, 100]; lower is more conservative
     * @param topK        keep the k most likely tokens (0: all); larger than the vocabulary means all
     * @param seed        seed of the draw
     * @param stopToken   stop after emitting this id (for example end-of-text), or -1 to never stop early
     */
    public record Settings(int maxTokens, double temperature, int topK, long seed, int stopToken) {
        public Settings {
            require(maxTokens >= 0 && maxTokens <= 1_000_000, "--max-tokens must be in [0, 1000000], got " + maxTokens);
            require(temperature > 0 && temperature <= 100, "--temperature must be in (0, 100], got " + temperature);
            require(topK >= 0, "--top-k must be >= 0 (0 keeps every token), got " + topK);
            require(stopToken >= -1, "stop token must be an id or -1, got " + stopToken);
        }

        public Settings(int maxTokens, double temperature, int topK, long seed) {
            this(maxTokens, temperature, topK, seed, -1);
        }
    }

    private Sampler() {}

    /** The generated ids (not including the prompt). */
    public static int[] generate(Gpt model, int[] prompt, Settings s) {
        return generate(model, prompt, s, id -> { });
    }

    /** As {@link #generate(Gpt, int[], Settings)}, passing each id to {@code onToken} as it is drawn. */
    public static int[] generate(Gpt model, int[] prompt, Settings s, IntConsumer onToken) {
        int vocab = model.config().vocabSize();
        checkPrompt(prompt, vocab);
        SplittableRandom random = new SplittableRandom(s.seed());
        int[] seq = Arrays.copyOf(prompt, prompt.length + s.maxTokens());
        int len = prompt.length;
        boolean grad = Autograd.isGradMode();
        Autograd.gradMode(false);
        try {
            while (len < seq.length) {
                float[] logits = lastLogits(model, seq, len);
                int next = draw(logits, s.temperature(), s.topK(), random.nextDouble());
                seq[len++] = next;
                onToken.accept(next);
                if (next == s.stopToken()) {
                    break;
                }
            }
        } finally {
            Autograd.gradMode(grad);
        }
        return Arrays.copyOfRange(seq, prompt.length, len);
    }

    private static void checkPrompt(int[] prompt, int vocab) {
        require(prompt.length > 0, "the prompt is empty: give at least one token");
        for (int id : prompt) {
            require(id >= 0 && id < vocab, "prompt token " + id + " is outside the model's vocabulary [0, " + vocab + ")");
        }
    }

    /** Logits (V) of the position after {@code seq[0, len)}, seeing at most the last blockSize tokens. */
    private static float[] lastLogits(Gpt model, int[] seq, int len) {
        int t = Math.min(len, model.config().blockSize());
        long[] ctx = new long[t];
        for (int i = 0; i < t; i++) {
            ctx[i] = seq[len - t + i];
        }
        try (NDManager step = model.manager().newSubManager()) {
            NDArray ids = step.create(ctx, new Shape(1, t));
            return model.forward(ids, false, 0L).get(new NDIndex(0, t - 1)).toFloatArray(); // (1, T, V) → (V)
        }
    }

    /**
     * The token whose cumulative probability first exceeds {@code u} in [0, 1), over the top-k tokens
     * ordered by logit (ties: lower id first). With k = 1 this is the argmax.
     */
    static int draw(float[] logits, double temperature, int topK, double u) {
        int k = topK == 0 ? logits.length : Math.min(topK, logits.length);
        Integer[] order = new Integer[logits.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b));
        double max = logits[order[0]] / temperature;
        double[] p = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp(logits[order[i]] / temperature - max);
            sum += p[i];
        }
        double target = u * sum;
        double acc = 0;
        for (int i = 0; i < k; i++) {
            acc += p[i];
            if (target < acc) {
                return order[i];
            }
        }
        return order[k - 1]; // rounding left target at the very top
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserInputException(message);
        }
    }
}
