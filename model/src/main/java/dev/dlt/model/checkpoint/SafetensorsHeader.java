package dev.dlt.model.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dlt.model.UserInputException;
import dev.dlt.model.checkpoint.Safetensors.DType;
import dev.dlt.model.checkpoint.Safetensors.Header;
import dev.dlt.model.checkpoint.Safetensors.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a safetensors header. Every check that fails raises a {@link UserInputException}
 * whose one line names the file and the problem: a reader never trusts an offset it has not checked.
 */
final class SafetensorsHeader {

    private SafetensorsHeader() {}

    static Header parse(Path file, FileChannel ch, ObjectMapper json) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw bad(file, "is " + size + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, len, 0);
        long n = len.flip().getLong();
        if (n < 2 || n > Safetensors.MAX_HEADER_BYTES || n > size - 8) {
            throw bad(file, "has header length " + n + ", outside [2, min(" + Safetensors.MAX_HEADER_BYTES + ", "
                    + (size - 8) + ")]: not a safetensors file or truncated");
        }
        ByteBuffer text = ByteBuffer.allocate((int) n);
        readFully(ch, text, 8);
        JsonNode root;
        try {
            root = json.readTree(new String(text.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw bad(file, "has a header that is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "has a header that is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                metadata(file, e.getValue(), metadata);
            } else {
                tensors.put(e.getKey(), tensor(file, e.getKey(), e.getValue()));
            }
        }
        long dataStart = 8 + n;
        checkLayout(file, tensors, size - dataStart);
        return new Header(inFileOrder(tensors), metadata, dataStart);
    }

    private static void metadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw bad(file, "has __metadata__ that is not an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw bad(file, "has __metadata__ entry '" + e.getKey() + "' that is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
    }

    private static TensorInfo tensor(Path file, String name, JsonNode node) {
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw bad(file, "tensor '" + name + "' needs dtype, shape and data_offsets [begin, end]");
        }
        DType d;
        try {
            d = DType.valueOf(dtype.asText());
        } catch (IllegalArgumentException e) {
            throw bad(file, "tensor '" + name + "' has dtype " + dtype.asText() + "; only F32 and I64 are supported");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode dim = shape.get(i);
            if (!dim.canConvertToLong() || !dim.isIntegralNumber() || dim.asLong() < 0) {
                throw bad(file, "tensor '" + name + "' has an invalid shape " + shape);
            }
            dims[i] = dim.asLong();
        }
        for (JsonNode o : offsets) {
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.asLong() < 0) {
                throw bad(file, "tensor '" + name + "' has invalid data_offsets " + offsets);
            }
        }
        TensorInfo t = new TensorInfo(d, dims, offsets.get(0).asLong(), offsets.get(1).asLong());
        long expected;
        try {
            expected = Math.multiplyExact(t.elements(), d.bytes());
        } catch (ArithmeticException e) {
            throw bad(file, "tensor '" + name + "' has an impossible shape " + shape);
        }
        if (t.end() - t.begin() != expected) {
            throw bad(file, "tensor '" + name + "' has shape " + shape + " (" + expected + " bytes of " + d
                    + ") but data_offsets " + offsets + " span " + (t.end() - t.begin()) + " bytes");
        }
        if (expected > Integer.MAX_VALUE - 8) {
            throw bad(file, "tensor '" + name + "' is " + expected + " bytes; at most 2 GiB per tensor is supported");
        }
        return t;
    }

    /** The tensors must tile the data section exactly: no gap, no overlap, nothing after the last. */
    private static void checkLayout(Path file, Map<String, TensorInfo> tensors, long dataBytes) {
        long at = 0;
        for (Map.Entry<String, TensorInfo> e : sorted(tensors)) {
            if (e.getValue().begin() != at) {
                throw bad(file, "tensor '" + e.getKey() + "' starts at byte " + e.getValue().begin() + " of the data, expected "
                        + at + " (offsets must be contiguous)");
            }
            at = e.getValue().end();
        }
        if (at != dataBytes) {
            throw bad(file, "has " + dataBytes + " data bytes but its header describes " + at
                    + (at > dataBytes ? ": the file is truncated" : ": trailing bytes"));
        }
    }

    private static List<Map.Entry<String, TensorInfo>> sorted(Map<String, TensorInfo> tensors) {
        List<Map.Entry<String, TensorInfo>> list = new ArrayList<>(tensors.entrySet());
        list.sort(Comparator.comparingLong((Map.Entry<String, TensorInfo> e) -> e.getValue().begin())
                .thenComparingLong(e -> e.getValue().end()));
        return list;
    }

    private static Map<String, TensorInfo> inFileOrder(Map<String, TensorInfo> tensors) {
        Map<String, TensorInfo> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorInfo> e : sorted(tensors)) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += r;
        }
    }

    static UserInputException bad(Path file, String problem) {
        return new UserInputException("corrupt safetensors file " + file + ": " + problem);
    }
}
