package dev.dlt.cli;

import dev.dlt.report.CompareTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlt compare RUN_DIR...}: one Markdown table over finished runs, in the order given. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Print a Markdown table comparing finished runs (reads RUN_DIR/results.json).")
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories (the --out of dlt train).")
    List<Path> runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(CompareTable.render(runs));
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
