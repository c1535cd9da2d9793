package dev.dlt.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A float32 tensor as bytes (the platform's order, little-endian on x86-64 and ARM64; row-major) with its shape: how activations, gradients and
 * weights travel between actors. Arrays never cross threads as live objects; the receiver rebuilds them
 * in its own manager with {@link #toArray}.
 */
public record Tensor(long[] shape, byte[] data) implements CborSerializable {

    public Tensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (data.length != n * Float.BYTES) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n * Float.BYTES
                    + " bytes, got " + data.length);
        }
    }

    /**
     * The current values of a float32 array copied into an array from {@code buffers} (called with the byte
     * length), for a caller that recycles its arrays. For contiguous arrays (parameters, moments, anything
     * made by {@link #toArray}): DJL would leave the contiguous copy of a strided view in the view's manager.
     */
    public static Tensor of(NDArray a, IntFunction<byte[]> buffers) {
        if (a.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("only float32 tensors travel, got " + a.getDataType());
        }
        ByteBuffer b = a.toByteBuffer(true); // on the CPU a view of the array's memory: one copy, below
        byte[] out = buffers.apply(b.remaining());
        b.get(out);
        return new Tensor(a.getShape().getShape(), out);
    }

    public static List<Tensor> of(List<NDArray> arrays, IntFunction<byte[]> buffers) {
        List<Tensor> out = new ArrayList<>(arrays.size());
        for (NDArray a : arrays) {
            out.add(of(a, buffers));
        }
        return out;
    }

    /** The current values of a float32 array (a copy; the array stays with its owner). */
    public static Tensor of(NDArray a) {
        if (a.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("only float32 tensors travel, got " + a.getDataType());
        }
        ByteBuffer b = a.toByteBuffer(); // a fresh copy in a heap array on PyTorch: take it as is
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
            return new Tensor(a.getShape().getShape(), b.array());
        }
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return new Tensor(a.getShape().getShape(), out);
    }

    public static List<Tensor> of(List<NDArray> arrays) {
        List<Tensor> out = new ArrayList<>(arrays.size());
        for (NDArray a : arrays) {
            out.add(of(a));
        }
        return out;
    }

    /**
     * A new array owned by {@code m}, without gradient. On the CPU the bytes are copied straight into the new
     * tensor's memory (one copy, no temporary direct buffer for the GC to free); elsewhere the engine copies
     * them to the device.
     */
    public NDArray toArray(NDManager m) {
        if (!m.getDevice().isGpu()) {
            NDArray a = m.create(new Shape(shape), DataType.FLOAT32);
            ByteBuffer view = a.toByteBuffer(true); // a view of the new tensor's memory
            if (view.isDirect() && view.remaining() == data.length) {
                view.put(data);
                return a;
            }
            a.close();
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        return m.create(b, new Shape(shape), DataType.FLOAT32);
    }

    /** Number of scalars. */
    public long elements() {
        return data.length / Float.BYTES;
    }
}
