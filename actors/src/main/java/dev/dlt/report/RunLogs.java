package dev.dlt.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The logs of one run read back from its directory, for plots and reports. Missing files are empty logs.
 *
 * @throws dev.dlt.model.UserInputException (from {@link #read}) naming a malformed file
 */
public record RunLogs(List<StepLog> steps, List<TieLog> ties, List<EvalLog> evals) {

    public RunLogs {
        steps = List.copyOf(steps);
        ties = List.copyOf(ties);
        evals = List.copyOf(evals);
    }

    public static RunLogs read(Path runDir) {
        return new RunLogs(
                Csv.readAll(runDir.resolve(RunDirectory.STEPS), StepLog.class),
                Csv.readAll(runDir.resolve(RunDirectory.TIES), TieLog.class),
                Csv.readAll(runDir.resolve(RunDirectory.EVALS), Csv.EvalRow.class).stream()
                        .map(Csv.EvalRow::toLog).toList());
    }
}
