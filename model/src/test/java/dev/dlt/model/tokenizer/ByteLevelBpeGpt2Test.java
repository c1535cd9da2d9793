package dev.dlt.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Exactness against GPT-2 ids produced by independent implementations (see the fixtures' README). */
class ByteLevelBpeGpt2Test {

    private final ByteLevelBpe gpt2 = ByteLevelBpe.gpt2();

    @Test
    void helloWorldIsGpt2() {
        assertArrayEquals(new int[] {15496, 995}, gpt2.encode("Hello world"));
        assertEquals(50257, gpt2.vocabSize());
        assertEquals(50256, gpt2.endOfText());
        assertEquals("gpt2", gpt2.name());
        assertSame(gpt2, ByteLevelBpe.gpt2());
    }

    @Test
    void everyReferenceCaseMatchesAndRoundTrips() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(resource("gpt2-cases.json")).get("cases");
        assertTrue(cases.size() >= 100, "fixture has " + cases.size() + " cases");
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            int[] expected = IntStream.range(0, c.get("ids").size()).map(i -> c.get("ids").get(i).asInt()).toArray();
            int[] actual = gpt2.encode(text);
            if (!Arrays.equals(expected, actual)) {
                failures.add(text + " expected " + Arrays.toString(expected) + " got " + Arrays.toString(actual));
            }
            assertEquals(text, gpt2.decode(actual));
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void twentyKilobytesOfMobyDickMatchExactly() throws IOException {
        String text = new String(resource("moby-dick-ch1-2.txt").readAllBytes(), StandardCharsets.UTF_8);
        String idsFile = new String(resource("moby-dick-ch1-2.ids").readAllBytes(), StandardCharsets.UTF_8);
        int[] expected = Arrays.stream(idsFile.lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow()
                .trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        assertTrue(text.length() > 19_000);
        assertEquals(4789, expected.length);
        assertArrayEquals(expected, gpt2.encode(text));
        assertArrayEquals(expected, gpt2.encode(text), "second pass served from the word cache");
        assertEquals(text, gpt2.decode(expected));
    }

    @Test
    void endOfTextDecodesToItsMarker() {
        assertEquals("a<|endoftext|>b", gpt2.decode(new int[] {64, 50256, 65}));
    }

    private static InputStream resource(String name) {
        InputStream in = ByteLevelBpeGpt2Test.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }
}
