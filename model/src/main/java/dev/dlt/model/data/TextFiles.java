package dev.dlt.model.data;

import dev.dlt.model.UserInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Lazy, strict UTF-8 line reading of user data files, with one-line errors that name the file. */
final class TextFiles {

    private TextFiles() {
    }

    /** Fails with a one-line message unless {@code file} is an existing, readable, non-empty regular file. */
    static Path requireFile(Path file) {
        if (!Files.exists(file)) throw new UserInputException("data file not found: " + file);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UserInputException("not a readable file: " + file);
        }
        if (size(file) == 0) throw new UserInputException("data file is empty: " + file);
        return file;
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lines of {@code file}, read lazily; close the stream. Malformed UTF-8 (a binary or corrupt file)
     * raises a UserInputException naming the file when the bad line is reached.
     */
    static Stream<String> lines(Path file) {
        requireFile(file);
        BufferedReader reader;
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Iterator<String> it = new LineIterator(reader, file);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .onClose(() -> closeQuietly(reader));
    }

    /** The lines of several files one after the other; only one file is open at a time. */
    static Stream<String> lines(List<Path> files) {
        return files.stream().flatMap(TextFiles::lines);
    }

    /** A short hash of path, size and modification time of each file: changes when any file changes. */
    static String fingerprint(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                Path real = f.toAbsolutePath().normalize();
                String entry = real + "|" + size(f) + "|" + Files.getLastModifiedTime(f).toMillis() + "\n";
                sha.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + files.get(0) + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void closeQuietly(BufferedReader r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // only read from: a failed close loses nothing
        }
    }

    /**
     * Reads ahead one line so hasNext() is exact; decoding errors become a one-line user error (without a line
     * number: the decoder works ahead in blocks, so it would point at the wrong line).
     */
    private static final class LineIterator implements Iterator<String> {
        private final BufferedReader reader;
        private final Path file;
        private String next;

        LineIterator(BufferedReader reader, Path file) {
            this.reader = reader;
            this.file = file;
            advance();
        }

        private void advance() {
            try {
                next = reader.readLine();
            } catch (CharacterCodingException e) {
                throw new UserInputException("not UTF-8 text (corrupt or binary?): " + file, e);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public String next() {
            if (next == null) throw new NoSuchElementException();
            String line = next;
            advance();
            return line;
        }
    }
}
