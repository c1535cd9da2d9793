package dev.dlt.model.tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;

/**
 * What {@code dlt tokenize} does: for each input line (without its line terminator), one output line of
 * its token ids separated by single spaces; an empty line gives an empty line. Output lines end in
 * {@code \n}. Neither stream is closed.
 */
public final class TokenizeLines {

    private TokenizeLines() {
    }

    /** Returns the number of lines tokenized. */
    public static long run(Tokenizer tokenizer, Reader in, Writer out) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        StringBuilder sb = new StringBuilder();
        long count = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            sb.setLength(0);
            for (int id : tokenizer.encode(line)) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(id);
            }
            out.write(sb.append('\n').toString());
            count++;
            if (!lines.ready()) {
                out.flush(); // an interactive user sees each answer at once; a file still streams in bulk
            }
        }
        out.flush();
        return count;
    }
}
