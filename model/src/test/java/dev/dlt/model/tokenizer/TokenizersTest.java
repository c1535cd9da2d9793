package dev.dlt.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizersTest {

    /** Enough distinct words for a few dozen merges. */
    private static final String TEXT = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. "
            + "Sphinx of black quartz, judge my vow! How vexingly quick daft zebras jump. naïve café 日本語 2026\n";
    private static final Supplier<String> NO_TEXT = () -> {
        throw new AssertionError("training text must not be read for this spec");
    };

    @TempDir
    Path cache;

    @Test
    void namedTokenizers() {
        assertSame(ByteLevelBpe.gpt2(), Tokenizers.resolve("gpt2", NO_TEXT, cache));
        assertSame(ByteTokenizer.instance(), Tokenizers.resolve("bytes", NO_TEXT, cache));
    }

    @Test
    void bpeIsTrainedOnceThenLoadedFromTheCache() {
        AtomicInteger trainings = new AtomicInteger();
        Tokenizers.Trainer counting = (text, n, dir) -> {
            trainings.incrementAndGet();
            return BpeTrainer.trainAndSave(text, n, dir);
        };
        Tokenizer first = Tokenizers.resolve("bpe-300", () -> TEXT, cache, counting);
        Tokenizer second = Tokenizers.resolve("bpe-300", () -> TEXT, cache, counting);
        assertEquals(1, trainings.get());
        assertEquals(300, second.vocabSize());
        assertEquals("bpe-300", second.name());
        assertArrayEquals(first.encode(TEXT), second.encode(TEXT));
        assertTrue(Files.isRegularFile(cache.resolve("bpe-300-" + Tokenizers.key(TEXT, 300)).resolve("vocab.bpe")));

        Tokenizers.resolve("bpe-301", () -> TEXT, cache, counting);
        Tokenizers.resolve("bpe-300", () -> TEXT + "!", cache, counting);
        assertEquals(3, trainings.get(), "another size or another text is another cache entry");
    }

    @Test
    void corruptCacheEntryIsRetrained() throws IOException {
        Tokenizers.resolve("bpe-280", () -> TEXT, cache);
        Path entry = cache.resolve("bpe-280-" + Tokenizers.key(TEXT, 280));
        Files.writeString(entry.resolve("encoder.json"), "{not json");
        Tokenizer again = Tokenizers.resolve("bpe-280", () -> TEXT, cache);
        assertEquals(280, again.vocabSize());
        assertTrue(Files.readString(entry.resolve("encoder.json")).startsWith("{\""));
    }

    @Test
    void directoryOfGpt2FilesLoads() throws IOException {
        Path dir = cache.resolve("mine");
        BpeTrainer.trainAndSave(TEXT, 290, dir);
        Tokenizer t = Tokenizers.resolve(dir.toString(), NO_TEXT, cache);
        assertEquals(290, t.vocabSize());
        assertEquals(dir.toAbsolutePath().normalize().toString(), t.name());
        assertEquals(TEXT, t.decode(t.encode(TEXT)));
    }

    @Test
    void badSpecsNameTheProblem() {
        assertMessage("bpe-256", "257..262144");
        assertMessage("bpe-9999999", "257..262144");
        assertMessage("bpe-abc", "N must be a whole number");
        assertMessage("gpt3", "gpt3: not gpt2, bytes, bpe-N");
        assertMessage("", "--tokenizer is empty");
        assertMessage(cache.toString(), "tokenizer file not found: " + cache.resolve("encoder.json"));
    }

    private void assertMessage(String spec, String expected) {
        UserInputException e = assertThrows(UserInputException.class, () -> Tokenizers.resolve(spec, NO_TEXT, cache));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
