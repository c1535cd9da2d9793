package dev.dlt.report.plot;

import dev.dlt.report.EvalLog;
import dev.dlt.report.StepLog;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Curves over training steps: loss, perplexity and trainable parameters. */
public final class CurveCharts {

    private CurveCharts() {
    }

    /** Train loss per step and valid loss per evaluation. */
    public static void loss(List<StepLog> steps, List<EvalLog> evals, Path file, int width, int height) {
        XYSeries train = new XYSeries("train loss (per step)");
        steps.forEach(s -> train.add(s.step(), s.trainLoss()));
        XYSeries valid = new XYSeries("valid loss (per episode)");
        evals.forEach(e -> valid.add(e.step(), e.validLoss()));
        JFreeChart chart = chart("Loss", "cross-entropy loss (nats/token)", train, valid);
        Charts.save(chart, file, width, height);
    }

    /** Train perplexity exp(loss) per step and valid perplexity per evaluation, on a log axis. */
    public static void perplexity(List<StepLog> steps, List<EvalLog> evals, Path file, int width, int height) {
        XYSeries train = new XYSeries("train perplexity (per step)");
        steps.forEach(s -> train.add(s.step(), Math.exp(s.trainLoss())));
        XYSeries valid = new XYSeries("valid perplexity (per episode)");
        evals.forEach(e -> valid.add(e.step(), e.validPerplexity()));
        JFreeChart chart = chart("Perplexity", "perplexity (log scale)", train, valid);
        LogarithmicAxis log = new LogarithmicAxis("perplexity (log scale)");
        log.setStrictValuesFlag(false); // a spike to ppl < 1 cannot happen, but must not abort a plot
        log.setExpTickLabelsFlag(false);
        log.setLabelFont(Palette.LABEL);
        chart.getXYPlot().setRangeAxis(log);
        Charts.save(chart, file, width, height);
    }

    /** Trainable parameters per step: drops when layers tie, rises when they become independent. */
    public static void trainableParams(List<StepLog> steps, Path file, int width, int height) {
        XYSeries p = new XYSeries("trainable parameters");
        steps.forEach(s -> p.add(s.step(), s.trainableParams()));
        JFreeChart chart = chart("Trainable parameters", "trainable parameters", p);
        chart.removeLegend(); // one series, named by the title
        chart.getXYPlot().getRenderer().setSeriesStroke(0, new java.awt.BasicStroke(2f));
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        Charts.save(chart, file, width, height);
    }

    private static JFreeChart chart(String title, String yLabel, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "training step", yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        Charts.lines(plot, 1);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        return chart;
    }
}
