package dev.dlt.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dlt.model.GptConfig;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.LayerWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dlt export --format gpt2-safetensors}: the whole model with every tied layer materialised, under
 * Hugging Face's {@code GPT2Model} state-dict names ({@code wte.weight}, {@code h.0.attn.c_attn.weight},
 * ..., {@code ln_f.bias}), metadata {@code format=pt}. GPT-2 stores its projections as {@code Conv1D}
 * weights of shape (in, out), the transpose of our {@code Linear} (out, in): {@code c_attn.weight} is
 * (C, 3C), {@code attn.c_proj.weight} (C, C), {@code c_fc.weight} (C, 4C), {@code mlp.c_proj.weight}
 * (4C, C). The LM head is tied to {@code wte} and omitted unless asked for.
 *
 * <p>Runs on the thread that owns the model; temporaries live in a scratch manager closed before return.
 */
public final class Gpt2Export {

    /** Tensors GPT-2 stores transposed relative to us (Conv1D). */
    static final Set<String> CONV1D = Set.of("attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight",
            "mlp.c_proj.weight");

    private Gpt2Export() {}

    /** Writes {@code file} (atomically). */
    public static void write(Gpt model, Path file, boolean includeLmHead) {
        boolean grad = Autograd.isGradMode();
        Autograd.gradMode(false);
        try (NDManager scratch = model.manager().newSubManager()) {
            Safetensors.write(file, tensors(model, scratch, includeLmHead), metadata(model));
        } finally {
            Autograd.gradMode(grad);
        }
    }

    /**
     * Writes {@code model.safetensors} and a Hugging Face {@code config.json} into {@code dir}, so
     * {@code GPT2LMHeadModel.from_pretrained(dir)} loads it.
     */
    public static void writeDirectory(Gpt model, Path dir) {
        try {
            Files.createDirectories(dir);
            write(model, dir.resolve("model.safetensors"), false);
            AtomicFiles.write(dir.resolve("config.json"),
                    Checkpoint.JSON.writeValueAsBytes(huggingFaceConfig(model.config())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, NDArray> tensors(Gpt model, NDManager scratch, boolean lmHead) {
        GptConfig c = model.config();
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("wte.weight", model.tokenEmbedding());
        out.put("wpe.weight", model.positionEmbedding());
        // One transposed view per root tensor, shared by every layer that computes with it.
        Map<NDArray, NDArray> transposed = new IdentityHashMap<>();
        for (int i = 0; i < c.layers(); i++) {
            List<NDArray> w = model.layerWeights(i).tensors();
            for (int k = 0; k < w.size(); k++) {
                String name = LayerWeights.NAMES.get(k);
                NDArray t = w.get(k);
                if (CONV1D.contains(name)) {
                    t = transposed.computeIfAbsent(t, a -> {
                        NDArray v = a.transpose();
                        v.attach(scratch);
                        return v;
                    });
                }
                out.put("h." + i + "." + name, t);
            }
        }
        out.put("ln_f.weight", model.finalNormGamma());
        out.put("ln_f.bias", model.finalNormBeta());
        if (lmHead) {
            out.put("lm_head.weight", model.tokenEmbedding());
        }
        return out;
    }

    private static Map<String, String> metadata(Gpt model) {
        GptConfig c = model.config();
        return Map.of("format", "pt", "n_head", Integer.toString(c.heads()), "dlt.ties", model.ties().toString());
    }

    /** GPT-2's {@code config.json} for this shape (activation gelu_new = our tanh GELU, LayerNorm eps 1e-5). */
    static ObjectNode huggingFaceConfig(GptConfig c) {
        ObjectNode n = Checkpoint.JSON.createObjectNode();
        n.put("model_type", "gpt2");
        n.putArray("architectures").add("GPT2LMHeadModel");
        n.put("vocab_size", c.vocabSize());
        n.put("n_positions", c.blockSize());
        n.put("n_ctx", c.blockSize());
        n.put("n_embd", c.width());
        n.put("n_layer", c.layers());
        n.put("n_head", c.heads());
        n.putNull("n_inner");
        n.put("activation_function", "gelu_new");
        n.put("layer_norm_epsilon", GptConfig.LAYER_NORM_EPS);
        n.put("initializer_range", GptConfig.INIT_STD);
        n.put("resid_pdrop", c.dropout());
        n.put("embd_pdrop", c.dropout());
        n.put("attn_pdrop", c.dropout());
        n.put("tie_word_embeddings", true);
        n.put("bos_token_id", 50256);
        n.put("eos_token_id", 50256);
        return n;
    }
}
