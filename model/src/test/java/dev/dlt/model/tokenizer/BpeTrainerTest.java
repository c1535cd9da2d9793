package dev.dlt.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {

    private static final String FIXTURE = fixture();
    private static final String UNICODE = "naïve café — 日本語のテキスト 🇫🇷👨‍👩‍👧 Ελληνικά\n\t  x²≤∞ don't\r\n \u0000\u007f";

    @Test
    void vocabularyHasExactlyTheAskedSizeWithEndOfTextLast() {
        for (int size : new int[] {257, 300, 1000}) {
            ByteLevelBpe bpe = BpeTrainer.train(FIXTURE, size);
            assertEquals(size, bpe.vocabSize());
            assertEquals(size - 1, bpe.endOfText());
            assertEquals("bpe-" + size, bpe.name());
            assertTrue(Arrays.stream(bpe.encode(FIXTURE)).allMatch(id -> id >= 0 && id < size - 1));
        }
    }

    @Test
    void bytesKeepTheirValueAsId() {
        ByteLevelBpe bpe = BpeTrainer.train(FIXTURE, 257);
        assertArrayEquals(new int[] {'H', 'i', ' ', 0xC3, 0xA9}, bpe.encode("Hi é"));
    }

    @Test
    void mergesCompressTheTrainingText() {
        int bytes = FIXTURE.getBytes(StandardCharsets.UTF_8).length;
        int tokens = BpeTrainer.train(FIXTURE, 1000).encode(FIXTURE).length;
        assertTrue(tokens < bytes / 2.5, tokens + " tokens for " + bytes + " bytes");
    }

    @Test
    void roundTripsArbitraryUnicode() {
        ByteLevelBpe bpe = BpeTrainer.train(FIXTURE, 600);
        assertEquals(UNICODE, bpe.decode(bpe.encode(UNICODE)));
        assertEquals(FIXTURE, bpe.decode(bpe.encode(FIXTURE)));
    }

    @Test
    void sameTextAndSizeGiveTheSameVocabulary(@TempDir Path dir) throws IOException {
        BpeTrainer.trainAndSave(FIXTURE, 700, dir.resolve("a"));
        BpeTrainer.trainAndSave(FIXTURE, 700, dir.resolve("b"));
        for (String f : new String[] {"encoder.json", "vocab.bpe"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void savedVocabularyReloadsWithTheSameIds(@TempDir Path dir) throws IOException {
        ByteLevelBpe trained = BpeTrainer.trainAndSave(FIXTURE, 800, dir);
        ByteLevelBpe loaded = ByteLevelBpe.load(dir, "bpe-800");
        assertTrue(Files.readString(dir.resolve("vocab.bpe")).startsWith("#version: 0.2\n"));
        assertEquals(800, loaded.vocabSize());
        assertEquals(799, loaded.endOfText());
        assertArrayEquals(trained.encode(FIXTURE), loaded.encode(FIXTURE));
        assertArrayEquals(trained.encode(UNICODE), loaded.encode(UNICODE));
    }

    @Test
    void rejectsSizesOutsideTheRangeAndTextTooSmallForTheSize() {
        assertThrows(UserInputException.class, () -> BpeTrainer.train(FIXTURE, 256));
        assertThrows(UserInputException.class, () -> BpeTrainer.train(FIXTURE, BpeTrainer.MAX_VOCAB + 1));
        UserInputException e = assertThrows(UserInputException.class, () -> BpeTrainer.train("abab", 300));
        assertTrue(e.getMessage().contains("supports only 259"), e.getMessage());
    }

    @Test
    void trainsOnAMegabyteInSeconds() {
        String text = zipfText(1_000_000, 50_000, 7);
        long start = System.nanoTime();
        ByteLevelBpe bpe = BpeTrainer.train(text, 4096);
        double seconds = (System.nanoTime() - start) / 1e9;
        // ~0.4 s here; 20 s leaves room for a loaded machine but not for a quadratic merge loop
        assertTrue(seconds < 20, "training took " + seconds + " s");
        assertEquals(4096, bpe.vocabSize());
    }

    /** Natural-language-like text: {@code words} random words drawn with a Zipf-like skew. */
    private static String zipfText(int chars, int words, long seed) {
        java.util.Random r = new java.util.Random(seed);
        String[] vocab = new String[words];
        for (int i = 0; i < words; i++) {
            StringBuilder w = new StringBuilder();
            for (int j = 2 + r.nextInt(9); j > 0; j--) {
                w.append((char) ('a' + (int) (26 * Math.pow(r.nextDouble(), 1.5))));
            }
            vocab[i] = w.toString();
        }
        StringBuilder sb = new StringBuilder(chars + 16);
        while (sb.length() < chars) {
            sb.append(vocab[(int) Math.pow(words, r.nextDouble()) - 1]).append(r.nextInt(12) == 0 ? ".\n" : " ");
        }
        return sb.toString();
    }

    private static String fixture() {
        try (InputStream in = BpeTrainerTest.class.getResourceAsStream("moby-dick-ch1-2.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
