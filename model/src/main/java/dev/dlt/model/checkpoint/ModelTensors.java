package dev.dlt.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;
import dev.dlt.model.UserInputException;
import dev.dlt.model.nn.LayerWeights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Expected names and shapes of a {@link dev.dlt.model.nn.Gpt}'s tensors, in our (out, in) layout. */
final class ModelTensors {

    private ModelTensors() {}

    /** Shapes of one block's tensors in {@link LayerWeights#NAMES} order. */
    static List<Shape> layerShapes(GptConfig c) {
        long w = c.width();
        long h = (long) GptConfig.MLP_RATIO * w;
        return List.of(new Shape(w), new Shape(w), new Shape(3 * w, w), new Shape(3 * w), new Shape(w, w),
                new Shape(w), new Shape(w), new Shape(w), new Shape(h, w), new Shape(h), new Shape(w, h),
                new Shape(w));
    }

    /** Takes a named tensor out of {@code tensors}, checking it exists and has the expected shape. */
    static NDArray take(Path file, Map<String, NDArray> tensors, String name, Shape expected) {
        NDArray a = tensors.remove(name);
        if (a == null) {
            throw new UserInputException("checkpoint file " + file + " has no tensor '" + name + "'");
        }
        if (a.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
            throw new UserInputException("checkpoint file " + file + ": tensor '" + name + "' is "
                    + a.getDataType() + ", expected float32");
        }
        if (!a.getShape().equals(expected)) {
            throw new UserInputException("checkpoint file " + file + ": tensor '" + name + "' has shape "
                    + a.getShape() + ", expected " + expected);
        }
        return a;
    }

    /** Fails if tensors are left over after every expected one was taken. */
    static void requireConsumed(Path file, Map<String, NDArray> tensors) {
        if (!tensors.isEmpty()) {
            throw new UserInputException("checkpoint file " + file + " has unexpected tensors " + tensors.keySet());
        }
    }
}
