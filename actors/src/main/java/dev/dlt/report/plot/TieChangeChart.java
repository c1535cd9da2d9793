package dev.dlt.report.plot;

import dev.dlt.model.tie.TieChange;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Counts of tie-change events by type over a run, the paper's Figure 2. */
public final class TieChangeChart {

    private TieChangeChart() {
    }

    /** {@code counts} maps {@link TieChange} names to counts; absent types are drawn as 0. */
    public static void write(Map<String, Long> counts, Path file, int width, int height) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (TieChange c : TieChange.values()) {
            data.addValue(counts.getOrDefault(c.name(), 0L), "decisions", label(c));
        }
        JFreeChart chart = ChartFactory.createBarChart("Tie changes by type", "change of the layer's state",
                "number of decisions", data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setSeriesPaint(0, new java.awt.Color(70, 110, 170));
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(Palette.LABEL);
        plot.getDomainAxis().setTickLabelFont(Palette.LABEL);
        plot.getDomainAxis().setLabelFont(Palette.LABEL);
        plot.getRangeAxis().setLabelFont(Palette.LABEL);
        Charts.save(chart, file, width, height);
    }

    private static String label(TieChange c) {
        return switch (c) {
            case INDEPENDENT_TO_TIED -> "independent -> tied";
            case TIED_TO_INDEPENDENT -> "tied -> independent";
            case RETIED -> "tied to another layer";
            case UNCHANGED -> "unchanged";
        };
    }
}
