package dev.dlt.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}}),
 * then the raw little-endian tensor bytes, offsets relative to the end of the header. F32 and I64 only.
 *
 * <p>Writes are atomic ({@link AtomicFiles}). Reads go through a {@link FileChannel} into one reused
 * direct buffer, one tensor at a time, so peak extra memory is the largest tensor, not the file.
 *
 * <p>Ownership: arrays returned by {@link #read} belong to the manager passed in (and live on its
 * device); the caller closes them, usually by closing that manager. Arrays given to {@link #write} stay the
 * caller's. Must run on the thread that owns those arrays.
 */
public final class Safetensors {

    /** Longest header accepted; the reference implementation's limit. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {}

    /** Element types this implementation reads and writes. */
    public enum DType {
        F32(DataType.FLOAT32), I64(DataType.INT64);

        final DataType djl;

        DType(DataType djl) {
            this.djl = djl;
        }

        int bytes() {
            return djl.getNumOfBytes();
        }

        static DType of(DataType t) {
            for (DType d : values()) {
                if (d.djl == t) {
                    return d;
                }
            }
            throw new IllegalArgumentException("safetensors: unsupported data type " + t + " (F32 or I64 only)");
        }
    }

    /** Where one tensor lives in the data section: bytes {@code [begin, end)}. */
    public record TensorInfo(DType dtype, long[] shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /** A parsed header: tensors in file order and the string metadata. */
    public record Header(Map<String, TensorInfo> tensors, Map<String, String> metadata, long dataStart) {}

    /** What {@link #read} returns; the arrays belong to the manager passed to {@code read}. */
    public record Contents(Map<String, NDArray> tensors, Map<String, String> metadata) {}

    // ---- writing ------------------------------------------------------------------------------

    /** Writes {@code tensors} in iteration order with {@code metadata}; replaces {@code file} atomically. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("safetensors writing needs a little-endian platform");
        }
        byte[] header = header(tensors, metadata);
        try {
            AtomicFiles.write(file, ch -> {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
                AtomicFiles.writeFully(ch, len);
                AtomicFiles.writeFully(ch, ByteBuffer.wrap(header));
                for (NDArray a : tensors.values()) {
                    writeData(ch, a);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A contiguous CPU tensor is written straight from its native memory (a direct buffer, no copy). A
     * view or a GPU tensor is first copied into the array's manager; the temporary attach makes that copy
     * land in a scratch manager freed right after, and hands the array back to its owner.
     */
    private static void writeData(FileChannel ch, NDArray a) throws IOException {
        try (NDManager scratch = a.getManager().newSubManager()) {
            a.tempAttach(scratch);
            AtomicFiles.writeFully(ch, a.toByteBuffer(true).order(ByteOrder.LITTLE_ENDIAN));
        }
    }

    private static byte[] header(Map<String, NDArray> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue();
            DType d = DType.of(a.getDataType());
            long bytes = a.size() * d.bytes();
            ObjectNode t = root.putObject(e.getKey());
            t.put("dtype", d.name());
            ArrayNode shape = t.putArray("shape");
            for (long dim : a.getShape().getShape()) {
                shape.add(dim);
            }
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        // Pad with spaces to a multiple of 8 so the data section is aligned, as the reference writer does.
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Reads and validates the header only; {@link UserInputException} naming the file if anything is off. */
    public static Header readHeader(Path file) {
        try (FileChannel ch = FileChannel.open(file)) {
            return SafetensorsHeader.parse(file, ch, JSON);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads every tensor onto {@code manager}'s device. */
    public static Contents read(Path file, NDManager manager) {
        try (FileChannel ch = FileChannel.open(file)) {
            Header h = SafetensorsHeader.parse(file, ch, JSON);
            long largest = 0;
            for (TensorInfo t : h.tensors().values()) {
                largest = Math.max(largest, t.end() - t.begin());
            }
            ByteBuffer scratch = ByteBuffer.allocateDirect((int) Math.max(1, largest)).order(ByteOrder.LITTLE_ENDIAN);
            Map<String, NDArray> out = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, TensorInfo> e : h.tensors().entrySet()) {
                    out.put(e.getKey(), tensor(file, ch, h.dataStart(), e.getValue(), scratch, manager));
                }
            } catch (RuntimeException | IOException ex) {
                out.values().forEach(NDArray::close);
                throw ex;
            }
            return new Contents(out, h.metadata());
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static NDArray tensor(Path file, FileChannel ch, long dataStart, TensorInfo t, ByteBuffer scratch,
                                  NDManager manager) throws IOException {
        int bytes = (int) (t.end() - t.begin());
        scratch.clear().limit(bytes);
        long pos = dataStart + t.begin();
        while (scratch.hasRemaining()) {
            int n = ch.read(scratch, pos);
            if (n < 0) {
                throw new UserInputException(file + " is truncated: tensor data ends early");
            }
            pos += n;
        }
        scratch.flip();
        // create() may wrap the direct buffer without copying; duplicate() gives the tensor its own
        // memory before the scratch buffer is reused for the next tensor.
        try (NDArray view = manager.create(scratch, new Shape(t.shape()), t.dtype().djl)) {
            return view.duplicate();
        }
    }
}
