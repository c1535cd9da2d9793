package dev.dlt.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TokenizeLinesTest {

    @Test
    void oneOutputLinePerInputLine() throws IOException {
        StringWriter out = new StringWriter();
        long lines = TokenizeLines.run(ByteLevelBpe.gpt2(), new StringReader("Hello world\n\nHello world\r\nHello"), out);
        assertEquals(4, lines);
        assertEquals("15496 995\n\n15496 995\n15496\n", out.toString());
    }

    @Test
    void emptyInputGivesNoOutput() throws IOException {
        StringWriter out = new StringWriter();
        assertEquals(0, TokenizeLines.run(ByteTokenizer.instance(), new StringReader(""), out));
        assertEquals("", out.toString());
    }
}
