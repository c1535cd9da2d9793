package dev.dlt.cli;

import dev.dlt.report.plot.Plots;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlt plot RUN_DIR...}: (re)draws the PNG figures of runs from their CSV logs. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw the figures of a run into RUN_DIR/plots/ from its CSV logs.")
final class PlotCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories (the --out of dlt train).")
    List<Path> runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Path run : runs) {
            List<Path> files = Plots.drawRun(run);
            files.forEach(out::println);
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
