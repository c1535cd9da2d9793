package dev.dlt.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;
import dev.dlt.model.UserInputException;
import dev.dlt.model.engine.Autograd;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.LayerWeights;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link Gpt} from a GPT-2 safetensors file (ours from {@link Gpt2Export}, or Hugging Face's
 * {@code model.safetensors} for gpt2 ... gpt2-xl, with or without the {@code transformer.} prefix).
 * Layers, width, vocabulary and positions come from the shapes; heads from the argument, else the file's
 * {@code n_head} metadata, else GPT-2's sizes by width (768: 12, 1024: 16, 1280: 20, 1600: 25).
 *
 * <p>With a {@link TieMap}, each tied layer computes with its root's imported weights and its own are
 * dropped. The model is owned by a sub-manager of the manager passed in; {@link Gpt#close()} frees it.
 */
public final class Gpt2Import {

    private static final Pattern LAYER = Pattern.compile("h\\.(\\d+)\\..+");

    private Gpt2Import() {}

    /**
     * @param heads attention heads, or null to take them from the file or GPT-2's sizes
     * @param ties  tie state to impose, or null for all layers independent
     */
    public static Gpt read(Path file, Integer heads, TieMap ties, GradientMode mode, double dropout,
                           NDManager manager) {
        NDManager owned = manager.newSubManager();
        boolean grad = Autograd.isGradMode();
        Autograd.gradMode(false);
        try (NDManager scratch = manager.newSubManager()) {
            Safetensors.Contents contents = Safetensors.read(file, scratch);
            Map<String, NDArray> t = normalised(contents.tensors());
            GptConfig c = config(file, t, heads, contents.metadata(), dropout);
            TieMap tie = ties == null ? TieMap.independent(c.layers()) : ties;
            if (tie.layers() != c.layers()) {
                throw new UserInputException("tie state " + tie + " has " + tie.layers() + " layers but " + file
                        + " has " + c.layers());
            }
            return build(file, t, c, tie, mode, owned);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        } finally {
            Autograd.gradMode(grad);
        }
    }

    /** Drops the {@code transformer.} prefix, the LM head (tied to wte) and the attention mask buffers. */
    private static Map<String, NDArray> normalised(Map<String, NDArray> in) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : in.entrySet()) {
            String name = e.getKey().startsWith("transformer.") ? e.getKey().substring(12) : e.getKey();
            if (!name.equals("lm_head.weight") && !name.endsWith(".attn.bias") && !name.endsWith(".attn.masked_bias")) {
                out.put(name, e.getValue());
            }
        }
        return out;
    }

    private static GptConfig config(Path file, Map<String, NDArray> t, Integer heads, Map<String, String> meta,
                                    double dropout) {
        NDArray wte = t.get("wte.weight");
        NDArray wpe = t.get("wpe.weight");
        if (wte == null || wpe == null || wte.getShape().dimension() != 2 || wpe.getShape().dimension() != 2) {
            throw new UserInputException(file + " is not a GPT-2 checkpoint: it needs 2-D wte.weight and wpe.weight");
        }
        int layers = 0;
        for (String name : t.keySet()) {
            Matcher m = LAYER.matcher(name);
            if (m.matches()) {
                layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
            }
        }
        if (layers == 0) {
            throw new UserInputException(file + " is not a GPT-2 checkpoint: it has no h.N.* layer tensors");
        }
        int width = (int) wte.getShape().get(1);
        int h = heads != null ? heads : meta.containsKey("n_head") ? parseHeads(file, meta.get("n_head"))
                : defaultHeads(file, width);
        return new GptConfig(layers, width, h, (int) wte.getShape().get(0), (int) wpe.getShape().get(0), dropout);
    }

    private static int parseHeads(Path file, String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UserInputException(file + " has metadata n_head='" + s + "', not a number");
        }
    }

    /** GPT-2's head counts by width. */
    public static int defaultHeads(Path file, int width) {
        return switch (width) {
            case 768 -> 12;
            case 1024 -> 16;
            case 1280 -> 20;
            case 1600 -> 25;
            default -> throw new UserInputException("cannot infer the number of heads of " + file + " (width "
                    + width + " is not a GPT-2 size): pass --heads");
        };
    }

    private static Gpt build(Path file, Map<String, NDArray> t, GptConfig c, TieMap ties, GradientMode mode,
                             NDManager owned) {
        NDArray wte = own(ModelTensors.take(file, t, "wte.weight", new Shape(c.vocabSize(), c.width())), owned, false);
        NDArray wpe = own(ModelTensors.take(file, t, "wpe.weight", new Shape(c.blockSize(), c.width())), owned, false);
        List<Shape> shapes = ModelTensors.layerShapes(c);
        LayerWeights[] layers = new LayerWeights[c.layers()];
        for (int i = 0; i < c.layers(); i++) {
            List<NDArray> w = new ArrayList<>();
            for (int k = 0; k < shapes.size(); k++) {
                String name = LayerWeights.NAMES.get(k);
                boolean conv = Gpt2Export.CONV1D.contains(name);
                Shape s = conv ? new Shape(shapes.get(k).get(1), shapes.get(k).get(0)) : shapes.get(k);
                w.add(ModelTensors.take(file, t, "h." + i + "." + name, s));
                if (ties.isIndependent(i)) {
                    w.set(k, own(w.get(k), owned, conv));
                }
            }
            layers[i] = ties.isIndependent(i) ? LayerWeights.of(w) : null;
        }
        NDArray g = own(ModelTensors.take(file, t, "ln_f.weight", new Shape(c.width())), owned, false);
        NDArray b = own(ModelTensors.take(file, t, "ln_f.bias", new Shape(c.width())), owned, false);
        ModelTensors.requireConsumed(file, t);
        for (LayerWeights lw : layers) {
            if (lw != null) {
                lw.tensors().forEach(a -> a.setRequiresGradient(true));
            }
        }
        return Gpt.of(c, ties, mode, owned, wte, wpe, g, b, layers);
    }

    /** A contiguous copy on {@code owned}, transposed from Conv1D (in, out) to Linear (out, in) if asked. */
    private static NDArray own(NDArray a, NDManager owned, boolean transpose) {
        if (!transpose) {
            a.attach(owned);
            return a;
        }
        Shape s = a.getShape();
        return owned.create(a.transpose().toFloatArray(), new Shape(s.get(1), s.get(0)));
    }
}
