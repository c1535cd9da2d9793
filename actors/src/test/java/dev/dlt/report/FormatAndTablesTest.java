package dev.dlt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FormatAndTablesTest {

    @Test
    void formatsCountsBytesAndDurations() {
        assertEquals("950", Format.count(950));
        assertEquals("12.3K", Format.count(12_345));
        assertEquals("264M", Format.count(264_000_000));
        assertEquals("1.56B", Format.count(1_557_611_200L));
        assertEquals("512 B", Format.bytes(512));
        assertEquals("1.5 KiB", Format.bytes(1536));
        assertEquals("1.0 GiB", Format.bytes(1L << 30));
        assertEquals("1:05", Format.duration(65));
        assertEquals("2:00:00", Format.duration(7200));
        assertEquals("-", Format.fixed(Double.NaN, 2));
    }

    @Test
    void textTableAlignsColumns() {
        String t = new TextTable("name", ">n").row("a", "1").row("long name", "100").toText();
        assertEquals("name         n\n---------  ---\na            1\nlong name  100\n", t);
    }

    @Test
    void markdownTableRightAlignsNumbers() {
        String t = new TextTable("name", ">n").row("a", "1").toMarkdown();
        assertEquals("| name |   n |\n| ---- | --: |\n| a    |   1 |\n", t);
    }

    @Test
    void summaryTableListsTheHeadlineNumbers() {
        RunResult r = Fixtures.result("dlt-s1", "dlt", new int[] {0, 0, 2, 2, 0, 2}, 61.234, 63.5, 2_400_000);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SummaryTable.print(r, new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals("metric               value", lines.get(0));
        assertTrue(lines.contains("valid perplexity     61.23"), lines.toString());
        assertTrue(lines.contains("trainable params     2.40M of 8.90M"), lines.toString());
        assertTrue(lines.contains("tie state            [0, 0, 2, 2, 0, 2]"), lines.toString());
    }

    @Test
    void progressWithoutConsolePrintsPlainLinesAtTheInterval() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        try (ProgressReporter p = ProgressReporter.plain(new PrintStream(buf, true, StandardCharsets.UTF_8), 100,
                30, now::get)) {
            for (int step = 1; step <= 100; step++) {
                now.set(step * 1_000_000_000L); // one second per step
                p.update(step, 3.25, 2500);
            }
        }
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(4, lines.size(), lines.toString()); // at 30 s, 60 s, 90 s and the last step
        assertEquals("step 30/100 (30.0%), loss 3.2500, 2500 tok/s, elapsed 0:30, ETA 1:10", lines.get(0));
        assertEquals("step 100/100 (100.0%), loss 3.2500, 2500 tok/s, elapsed 1:40, ETA 0:00", lines.get(3));
    }

    @Test
    void readsRssFromProcStatus() {
        assertEquals(123_456L * 1024, MemoryReport.parseVmRss(List.of("Name: java", "VmRSS:\t  123456 kB")));
        assertEquals(null, MemoryReport.parseVmRss(List.of("Name: java")));
        assertTrue(MemoryReport.currentRssBytes() > 1_000_000, "a JVM uses more than 1 MB");
    }
}
