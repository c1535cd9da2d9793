package dev.dlt.report.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;

/** Saving and common styling of JFreeChart figures. Sets {@code java.awt.headless} before any AWT use. */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    static void save(JFreeChart chart, Path file, int width, int height) {
        chart.setTitle(new TextTitle(chart.getTitle().getText(), Palette.TITLE));
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Lines for every series; shapes only for the series listed (sparse points such as evals). */
    static void lines(XYPlot plot, int... seriesWithShapes) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int s : seriesWithShapes) {
            r.setSeriesShapesVisible(s, true);
        }
        r.setSeriesStroke(0, new java.awt.BasicStroke(1.2f));
        r.setSeriesStroke(1, new java.awt.BasicStroke(2.2f));
        plot.setRenderer(r);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        plot.getDomainAxis().setLabelFont(Palette.LABEL);
        plot.getRangeAxis().setLabelFont(Palette.LABEL);
    }
}
