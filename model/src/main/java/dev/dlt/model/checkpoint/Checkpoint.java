package dev.dlt.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dlt.model.GptConfig;
import dev.dlt.model.UserInputException;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.LayerWeights;
import dev.dlt.model.nn.Param;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One checkpoint directory ({@code step-000123/}): {@code model.safetensors} with the shared tensors and
 * the ROOT layers only (tied layers are the tie vector in {@code state.json}, so the size grows with the
 * independent layers, not the depth), {@code optimizer.safetensors} with AdamW's m and v per parameter
 * name, {@code state.json}, {@code agent.bin} (opaque agent state, if any) and {@code checksums.sha256}.
 *
 * <p>A loaded checkpoint owns its model (on a sub-manager of the manager passed to {@link #read}) and its
 * optimizer (on a sub-manager of the model's): {@link #close()} frees both. Reads never touch any other
 * model, so a failed load leaves the caller's state as it was.
 */
public record Checkpoint(Gpt model, AdamW optimizer, TrainingState training) implements AutoCloseable {

    public static final String MODEL = "model.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String STATE = "state.json";
    public static final String AGENT = "agent.bin";

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes all files of a checkpoint into {@code dir} (which must exist), checksums last. */
    public static void write(Path dir, Gpt model, AdamW optimizer, TrainingState training) {
        try {
            List<Param> params = model.parameters();
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            Map<String, NDArray> moments = new LinkedHashMap<>();
            for (Param p : params) {
                tensors.put(p.name(), p.array());
                AdamW.Moments s = optimizer.moments(p.array());
                if (s != null) {
                    moments.put("m." + p.name(), s.m());
                    moments.put("v." + p.name(), s.v());
                }
            }
            String step = Long.toString(training.step());
            Safetensors.write(dir.resolve(MODEL), tensors, Map.of("format", "pt", "step", step,
                    "ties", model.ties().toString()));
            Safetensors.write(dir.resolve(OPTIMIZER), moments, Map.of("step", step,
                    "optimizer_step", Long.toString(optimizer.stepCount())));
            List<String> files = new ArrayList<>(List.of(MODEL, OPTIMIZER, STATE));
            byte[] agent = training.agent();
            if (agent.length > 0) {
                AtomicFiles.write(dir.resolve(AGENT), agent);
                files.add(AGENT);
            }
            AtomicFiles.write(dir.resolve(STATE), JSON.writeValueAsBytes(stateFile(model, optimizer, training)));
            Checksums.write(dir, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    private static StateFile stateFile(Gpt model, AdamW optimizer, TrainingState t) {
        return new StateFile(StateFile.FORMAT, t.step(), t.episode(), t.dataPosition(), model.config(),
                model.gradientMode().name().toLowerCase(), model.ties().toArray(), optimizer.settings(),
                optimizer.stepCount(), t.tokenizer(), t.seeds(), t.settings(), t.agent().length);
    }

    /**
     * Verifies the checksums, then restores the model (with its ties), the optimizer (exact moments and
     * step count) and the training state. Arrays go on {@code manager}'s device.
     *
     * @throws UserInputException naming the file when anything is missing, corrupt or inconsistent
     */
    public static Checkpoint read(Path dir, NDManager manager) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException("checkpoint " + dir + " is not a directory");
        }
        Checksums.verify(dir, List.of(MODEL, OPTIMIZER, STATE));
        StateFile s = readState(dir.resolve(STATE));
        NDManager owned = manager.newSubManager();
        try {
            Gpt model = readModel(dir.resolve(MODEL), s, owned);
            AdamW optimizer = new AdamW(s.optimizer(), owned.newSubManager());
            readMoments(dir.resolve(OPTIMIZER), model, optimizer, s.optimizerStep(), owned);
            byte[] agent = s.agentBytes() > 0 ? Files.readAllBytes(dir.resolve(AGENT)) : new byte[0];
            if (agent.length != s.agentBytes()) {
                throw new UserInputException("corrupt checkpoint file " + dir.resolve(AGENT) + ": " + agent.length
                        + " bytes, " + STATE + " says " + s.agentBytes());
            }
            return new Checkpoint(model, optimizer, training(dir.resolve(STATE), s, agent));
        } catch (IOException e) {
            owned.close();
            throw new UserInputException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    static StateFile readState(Path file) {
        StateFile s;
        try {
            s = JSON.readValue(file.toFile(), StateFile.class);
        } catch (IOException e) {
            throw new UserInputException("corrupt checkpoint file " + file + ": " + firstLine(e));
        }
        if (s.format() != StateFile.FORMAT) {
            throw new UserInputException("checkpoint file " + file + " has format " + s.format()
                    + "; this version reads format " + StateFile.FORMAT);
        }
        if (s.config() == null || s.ties() == null || s.optimizer() == null || s.seeds() == null
                || s.settings() == null || s.tokenizer() == null) {
            throw new UserInputException("corrupt checkpoint file " + file + ": a required field is missing");
        }
        return s;
    }

    private static TrainingState training(Path stateFile, StateFile s, byte[] agent) {
        try {
            return new TrainingState(s.step(), s.episode(), s.settings(), s.seeds(), s.tokenizer(), agent);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserInputException("corrupt checkpoint file " + stateFile + ": " + e.getMessage());
        }
    }

    private static Gpt readModel(Path file, StateFile s, NDManager owned) {
        GptConfig c = s.config();
        TieMap ties = ties(file.resolveSibling(STATE), s, c);
        Map<String, NDArray> t = new LinkedHashMap<>(Safetensors.read(file, owned).tensors());
        NDArray wte = ModelTensors.take(file, t, "wte.weight", new Shape(c.vocabSize(), c.width()));
        NDArray wpe = ModelTensors.take(file, t, "wpe.weight", new Shape(c.blockSize(), c.width()));
        LayerWeights[] layers = new LayerWeights[c.layers()];
        List<Shape> shapes = ModelTensors.layerShapes(c);
        for (int i : ties.roots()) {
            List<NDArray> w = new ArrayList<>();
            for (int k = 0; k < shapes.size(); k++) {
                w.add(ModelTensors.take(file, t, "h." + i + "." + LayerWeights.NAMES.get(k), shapes.get(k)));
            }
            layers[i] = LayerWeights.of(w);
            w.forEach(a -> a.setRequiresGradient(true));
        }
        NDArray g = ModelTensors.take(file, t, "ln_f.weight", new Shape(c.width()));
        NDArray b = ModelTensors.take(file, t, "ln_f.bias", new Shape(c.width()));
        ModelTensors.requireConsumed(file, t);
        GradientMode mode;
        try {
            mode = GradientMode.parse(String.valueOf(s.gradientMode()));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("corrupt checkpoint file " + file.resolveSibling(STATE) + ": " + e.getMessage());
        }
        return Gpt.of(c, ties, mode, owned, wte, wpe, g, b, layers);
    }

    private static TieMap ties(Path stateFile, StateFile s, GptConfig c) {
        try {
            TieMap ties = TieMap.of(s.ties());
            if (ties.layers() != c.layers() || !java.util.Arrays.equals(ties.toArray(), s.ties())) {
                throw new IllegalArgumentException("tie state " + java.util.Arrays.toString(s.ties())
                        + " is not a resolved vector of " + c.layers() + " layers");
            }
            return ties;
        } catch (IllegalArgumentException e) {
            throw new UserInputException("corrupt checkpoint file " + stateFile + ": " + e.getMessage());
        }
    }

    private static void readMoments(Path file, Gpt model, AdamW optimizer, long step, NDManager owned) {
        Map<String, NDArray> t = new LinkedHashMap<>(Safetensors.read(file, owned).tensors());
        boolean any = false;
        for (Param p : model.parameters()) {
            if (t.containsKey("m." + p.name()) || t.containsKey("v." + p.name())) {
                NDArray m = ModelTensors.take(file, t, "m." + p.name(), p.array().getShape());
                NDArray v = ModelTensors.take(file, t, "v." + p.name(), p.array().getShape());
                optimizer.restore(p.array(), m, v, step);
                any = true;
            }
        }
        ModelTensors.requireConsumed(file, t);
        if (!any && step != 0) {
            throw new UserInputException("corrupt checkpoint file " + file + ": optimizer step " + step
                    + " but no moments");
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        model.close();
    }
}
