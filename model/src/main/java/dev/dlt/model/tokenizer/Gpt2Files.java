package dev.dlt.model.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dlt.model.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the GPT-2 vocabulary layout: {@code encoder.json} and {@code vocab.bpe} (first line
 * {@code #version: ...}, then one merge per line, two tokens separated by one space). Malformed input
 * raises {@link UserInputException} naming the file.
 */
final class Gpt2Files {

    static final String ENCODER = "encoder.json";
    static final String MERGES = "vocab.bpe";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Gpt2Files() {
    }

    static Gpt2Layout read(Path dir) {
        Path enc = dir.resolve(ENCODER);
        Path bpe = dir.resolve(MERGES);
        for (Path p : List.of(enc, bpe)) {
            if (!Files.isRegularFile(p)) {
                throw new UserInputException("tokenizer file not found: " + p);
            }
        }
        try (InputStream e = Files.newInputStream(enc); InputStream m = Files.newInputStream(bpe)) {
            return read(e, enc.toString(), m, bpe.toString());
        } catch (IOException ex) {
            throw new UserInputException("cannot read tokenizer files in " + dir + ": " + ex.getMessage(), ex);
        }
    }

    /** Reads both streams fully; does not close them. {@code *Where} names them in error messages. */
    static Gpt2Layout read(InputStream encoderJson, String encoderWhere, InputStream vocabBpe, String mergesWhere) {
        return new Gpt2Layout(readEncoder(encoderJson, encoderWhere), readMerges(vocabBpe, mergesWhere));
    }

    private static Map<String, Integer> readEncoder(InputStream in, String where) {
        try {
            Map<String, Integer> map = JSON.readValue(in, new TypeReference<LinkedHashMap<String, Integer>>() { });
            if (map == null || map.isEmpty()) {
                throw new UserInputException(where + " holds no tokens");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new UserInputException(where + " is not a JSON object of token → id: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    private static List<Gpt2Layout.Merge> readMerges(InputStream in, String where) {
        List<Gpt2Layout.Merge> merges = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine();
            if (line == null || !line.startsWith("#version")) {
                throw new UserInputException(where + ": first line must be the '#version' header");
            }
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue; // GPT-2's file ends with a newline
                }
                String[] parts = line.split(" ", -1);
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw new UserInputException(where + " line " + lineNo + ": expected two tokens, got '" + line + "'");
                }
                merges.add(new Gpt2Layout.Merge(parts[0], parts[1]));
            }
            return merges;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where, e);
        }
    }

    /** Writes both files into {@code dir} (created if missing), ids in ascending order. */
    static void write(Gpt2Layout layout, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Integer> byId = new LinkedHashMap<>();
        layout.encoder().entrySet().stream()
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .forEach(e -> byId.put(e.getKey(), e.getValue()));
        try (Writer w = Files.newBufferedWriter(dir.resolve(ENCODER), StandardCharsets.UTF_8)) {
            w.write(JSON.writeValueAsString(byId));
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve(MERGES), StandardCharsets.UTF_8)) {
            w.write("#version: 0.2\n");
            for (Gpt2Layout.Merge m : layout.merges()) {
                w.write(m.left() + " " + m.right() + "\n");
            }
        }
    }
}
