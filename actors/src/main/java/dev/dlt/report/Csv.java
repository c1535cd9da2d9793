package dev.dlt.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.dlt.model.UserInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CSV schemas of the run logs and reading them back; column names are the record component names. */
final class Csv {

    static final CsvMapper MAPPER = new CsvMapper();

    private Csv() {
    }

    static CsvSchema schema(Class<?> rowType) {
        return MAPPER.schemaFor(rowType).withHeader();
    }

    /** All rows of a log; a missing file is an empty log, a malformed one a {@link UserInputException}. */
    static <T> List<T> readAll(Path file, Class<T> rowType) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Reader in = Files.newBufferedReader(file);
             MappingIterator<T> rows = MAPPER.readerFor(rowType).with(schema(rowType)).readValues(in)) {
            List<T> out = new ArrayList<>();
            while (rows.hasNextValue()) {
                out.add(rows.nextValue());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("cannot read " + file + ": " + oneLine(e));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** {@link EvalLog} with the memory columns flattened, as stored in {@code evals.csv}. */
    @JsonPropertyOrder({"step", "episode", "validLoss", "validPerplexity", "trainableParams", "parameterBytes",
            "gradientBytes", "optimizerStateBytes", "activationPeakBytes", "processRssBytes"})
    record EvalRow(long step, int episode, double validLoss, double validPerplexity, long trainableParams,
                   long parameterBytes, long gradientBytes, long optimizerStateBytes, long activationPeakBytes,
                   long processRssBytes) {

        static EvalRow of(EvalLog e) {
            MemoryReport m = e.memory();
            return new EvalRow(e.step(), e.episode(), e.validLoss(), e.validPerplexity(), e.trainableParams(),
                    m.parameterBytes(), m.gradientBytes(), m.optimizerStateBytes(), m.activationPeakBytes(),
                    m.processRssBytes());
        }

        EvalLog toLog() {
            return new EvalLog(step, episode, validLoss, validPerplexity, trainableParams, new MemoryReport(
                    parameterBytes, gradientBytes, optimizerStateBytes, activationPeakBytes, processRssBytes));
        }
    }
}
