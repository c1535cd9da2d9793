package dev.dlt.model.checkpoint;

import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of every file of a checkpoint, in {@code sha256sum} format ({@code <hex>  <name>} per line), so
 * {@code sha256sum -c checksums.sha256} works from a shell too. Verified before anything is parsed.
 */
final class Checksums {

    static final String FILE = "checksums.sha256";

    private Checksums() {}

    static void write(Path dir, List<String> names) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            sb.append(sha256(dir.resolve(name))).append("  ").append(name).append('\n');
        }
        AtomicFiles.write(dir.resolve(FILE), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Checks every listed file and that {@code required} are all listed; names the first bad file. */
    static void verify(Path dir, List<String> required) {
        Map<String, String> expected = read(dir);
        for (String name : required) {
            if (!expected.containsKey(name)) {
                throw new UserInputException("corrupt checkpoint " + dir + ": " + FILE + " does not list " + name);
            }
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path f = dir.resolve(e.getKey());
            String actual;
            try {
                actual = sha256(f);
            } catch (NoSuchFileException x) {
                throw new UserInputException("corrupt checkpoint: " + f + " is missing");
            } catch (IOException x) {
                throw new UserInputException("cannot read " + f + ": " + x.getMessage(), x);
            }
            if (!actual.equals(e.getValue())) {
                throw new UserInputException("corrupt checkpoint: " + f + " fails its SHA-256 check (expected "
                        + e.getValue() + ", got " + actual + "): truncated or modified");
            }
        }
    }

    private static Map<String, String> read(Path dir) {
        Path f = dir.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("not a complete checkpoint: cannot read " + f + " (" + e.getMessage() + ")");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int sep = line.indexOf("  ");
            String name = sep < 0 ? "" : line.substring(sep + 2);
            if (sep != 64 || name.isEmpty() || name.contains("/") || name.contains("\\")) {
                throw new UserInputException("corrupt checkpoint: " + f + " has a malformed line '" + line + "'");
            }
            out.put(name, line.substring(0, sep));
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
