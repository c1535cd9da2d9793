package dev.dlt.report;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends rows to {@code steps.csv}, {@code ties.csv} and {@code evals.csv} of a run directory, flushing
 * every row so that a crash leaves readable logs. A file that already has rows (a resumed run) is appended
 * to without a second header. Not thread-safe: one trainer thread writes. Obtain one from
 * {@link RunDirectory#openLogs()}.
 */
public final class RunLogWriter implements AutoCloseable {

    private final Sink steps;
    private final Sink ties;
    private final Sink evals;

    RunLogWriter(RunDirectory dir) {
        steps = new Sink(dir.steps(), StepLog.class);
        Sink t = null;
        Sink e = null;
        try {
            t = new Sink(dir.ties(), TieLog.class);
            e = new Sink(dir.evals(), Csv.EvalRow.class);
        } catch (RuntimeException ex) {
            closeQuietly(steps, t);
            throw ex;
        }
        ties = t;
        evals = e;
    }

    public void step(StepLog row) {
        steps.write(row);
    }

    public void tie(TieLog row) {
        ties.write(row);
    }

    public void eval(EvalLog row) {
        evals.write(Csv.EvalRow.of(row));
    }

    @Override
    public void close() {
        closeQuietly(steps, ties, evals);
    }

    private static void closeQuietly(Sink... sinks) {
        for (Sink s : sinks) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** One CSV file open for appending. */
    private static final class Sink {
        private final Path file;
        private final Writer out;
        private final SequenceWriter rows;

        Sink(Path file, Class<?> rowType) {
            this.file = file;
            try {
                boolean hasRows = Files.exists(file) && Files.size(file) > 0;
                CsvSchema schema = Csv.schema(rowType).withUseHeader(!hasRows);
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                rows = Csv.MAPPER.writerFor(rowType).with(schema).writeValues(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + file, e);
            }
        }

        void write(Object row) {
            try {
                rows.write(row);
                rows.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + file, e);
            }
        }

        void close() {
            try {
                rows.close();
            } catch (IOException e) {
                // rows were flushed one by one; nothing is lost
            }
        }
    }
}
