package dev.dlt.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a GPT-2-layout directory: good files load, each kind of damage is one line naming the file. */
class Gpt2FilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeSmallVocabulary() throws IOException {
        BpeTrainer.trainAndSave("low lower lowest newer newest wider ".repeat(10), 270, dir);
    }

    @Test
    void streamsAndDirectoryGiveTheSameTokenizer() throws IOException {
        ByteLevelBpe fromDir = ByteLevelBpe.load(dir);
        try (var e = Files.newInputStream(dir.resolve("encoder.json")); var m = Files.newInputStream(dir.resolve("vocab.bpe"))) {
            ByteLevelBpe fromStreams = ByteLevelBpe.read("s", e, m);
            assertArrayEquals(fromDir.encode("lowest newest"), fromStreams.encode("lowest newest"));
            assertEquals(270, fromStreams.vocabSize());
        }
        assertTrue(fromDir.encode("lowest newest").length < "lowest newest".length());
    }

    @Test
    void missingFile() throws IOException {
        Files.delete(dir.resolve("vocab.bpe"));
        assertFails("tokenizer file not found: " + dir.resolve("vocab.bpe"));
    }

    @Test
    void encoderNotJson() throws IOException {
        Files.writeString(dir.resolve("encoder.json"), "[1, 2");
        assertFails(dir.resolve("encoder.json") + " is not a JSON object");
    }

    @Test
    void mergesWithoutHeader() throws IOException {
        Files.writeString(dir.resolve("vocab.bpe"), "l o\n");
        assertFails("first line must be the '#version' header");
    }

    @Test
    void mergeOfUnknownToken() throws IOException {
        Files.writeString(dir.resolve("vocab.bpe"), "#version: 0.2\nl o\nzz q\n");
        assertFails("merge 2 'zz q' uses a token missing from encoder.json");
    }

    @Test
    void malformedMergeLine() throws IOException {
        Files.writeString(dir.resolve("vocab.bpe"), "#version: 0.2\nl o w\n");
        assertFails("line 2: expected two tokens");
    }

    @Test
    void gapInIds() throws IOException {
        Files.writeString(dir.resolve("encoder.json"), Files.readString(dir.resolve("encoder.json")).replace("\"!\":33,", ""));
        assertFails("33 is missing");
    }

    @Test
    void notByteLevel() throws IOException {
        Files.writeString(dir.resolve("encoder.json"), "{\"a\":0,\"<|endoftext|>\":1}");
        Files.writeString(dir.resolve("vocab.bpe"), "#version: 0.2\n");
        assertFails("lacks the token for byte 0");
    }

    private void assertFails(String expected) {
        UserInputException e = assertThrows(UserInputException.class, () -> ByteLevelBpe.load(dir));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
