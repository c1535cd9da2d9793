package dev.dlt.model.data;

import dev.dlt.model.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LambadaCorpusTest {

    @Test
    void plainTextPassagesAreDocumentsAndDevelopmentIsValid() {
        Corpus c = Corpora.open(Fixtures.path("lambada").toString());
        assertEquals(DataFormat.LAMBADA, c.format());
        assertEquals(3, Fixtures.docs(c, Split.TEST).size());
        assertTrue(Fixtures.docs(c, Split.TEST).get(1).text().endsWith("ran to meet the boy"));
        assertEquals(2, Fixtures.docs(c, Split.VALID).size());
    }

    @Test
    void jsonlTextFieldWithoutDevelopmentFileUsesTestAsValid() {
        Path file = Fixtures.path("lambada-jsonl").resolve("lambada_test.jsonl");
        Corpus c = Corpora.open(file.toString());
        assertEquals(DataFormat.LAMBADA, c.format());
        assertTrue(Fixtures.docs(c, Split.TEST).get(0).text().endsWith("he turned the key"));
        assertEquals(Fixtures.docs(c, Split.TEST), Fixtures.docs(c, Split.VALID));
    }

    @Test
    void trainingOnLambadaIsAUserError() {
        Corpus c = Corpora.open(Fixtures.path("lambada").toString());
        var e = assertThrows(UserInputException.class, () -> c.documents(Split.TRAIN));
        assertTrue(e.getMessage().contains("no train split"), e.getMessage());
        assertTrue(e.getMessage().contains("lambada_test_plain_text.txt"), e.getMessage());
    }

    @Test
    void corruptJsonNamesTheFile(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("lambada_test.jsonl"), "{\"text\": \"fine\"}\n{\"text\": broken\n");
        Corpus c = Corpora.open(f.toString());
        var e = assertThrows(UserInputException.class, () -> Fixtures.docs(c, Split.TEST));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
}
