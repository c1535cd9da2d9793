package dev.dlt.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small aligned table rendered as plain text or Markdown. Hand-written (about 60 lines) because the
 * Java ASCII-table libraries on Maven Central are either unmaintained since 2017 or pull in the Kotlin
 * runtime; this needs only padding. Columns flagged numeric are right-aligned.
 */
public final class TextTable {

    private final List<String> headers;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** Headers; a header starting with {@code >} marks a right-aligned (numeric) column, the mark is dropped. */
    public TextTable(String... headers) {
        this.numeric = new boolean[headers.length];
        List<String> h = new ArrayList<>();
        for (int i = 0; i < headers.length; i++) {
            numeric[i] = headers[i].startsWith(">");
            h.add(numeric[i] ? headers[i].substring(1) : headers[i]);
        }
        this.headers = List.copyOf(h);
    }

    public TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has "
                    + headers.size() + " columns: " + Arrays.toString(cells));
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Plain text: header, a dashed rule, rows; columns separated by two spaces. */
    public String toText() {
        int[] w = widths();
        StringBuilder sb = new StringBuilder();
        line(sb, headers, w, "", "  ", "");
        StringBuilder dashes = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            dashes.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        sb.append(dashes).append('\n');
        rows.forEach(r -> line(sb, r, w, "", "  ", ""));
        return sb.toString();
    }

    /** GitHub-flavoured Markdown with aligned pipes; numeric columns get a {@code ---:} rule. */
    public String toMarkdown() {
        int[] w = widths();
        StringBuilder sb = new StringBuilder();
        line(sb, headers, w, "| ", " | ", " |");
        sb.append('|');
        for (int i = 0; i < w.length; i++) {
            int width = Math.max(w[i], 3);
            sb.append(' ').append(numeric[i] ? "-".repeat(width - 1) + ":" : "-".repeat(width)).append(" |");
        }
        sb.append('\n');
        rows.forEach(r -> line(sb, r, w, "| ", " | ", " |"));
        return sb.toString();
    }

    private int[] widths() {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        return w;
    }

    private void line(StringBuilder sb, List<String> cells, int[] w, String open, String sep, String close) {
        StringBuilder l = new StringBuilder(open);
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            int width = open.isEmpty() ? w[i] : Math.max(w[i], 3);
            String pad = " ".repeat(width - c.length());
            l.append(i == 0 ? "" : sep).append(numeric[i] ? pad + c : c + pad);
        }
        sb.append(open.isEmpty() ? l.toString().stripTrailing() : l + close).append('\n');
    }
}
