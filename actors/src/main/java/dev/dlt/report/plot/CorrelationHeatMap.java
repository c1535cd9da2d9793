package dev.dlt.report.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heat map of a square correlation matrix with a colour scale from -1 (blue) through 0 (white) to 1
 * (red), the paper's Figure 4 (Pearson correlation between the weights of layers). NaN cells are grey.
 */
public final class CorrelationHeatMap {

    private CorrelationHeatMap() {
    }

    /**
     * @throws IllegalArgumentException if the matrix is not square or does not match the labels
     */
    public static void write(double[][] matrix, List<String> labels, String title, Path file, int width, int height) {
        int n = labels.size();
        if (matrix.length != n || java.util.Arrays.stream(matrix).anyMatch(r -> r.length != n)) {
            throw new IllegalArgumentException("need a " + n + "x" + n + " matrix for " + n + " labels");
        }
        double[][] xyz = new double[3][n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                xyz[0][i * n + j] = j;
                xyz[1][i * n + j] = i;
                xyz[2][i * n + j] = matrix[i][j];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("correlation", xyz);
        String[] names = labels.toArray(String[]::new);
        SymbolAxis x = new SymbolAxis("layer", names);
        SymbolAxis y = new SymbolAxis("layer", names);
        y.setInverted(true); // row 0 at the top, as matrices are read
        x.setLabelFont(Palette.LABEL);
        y.setLabelFont(Palette.LABEL);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new Diverging());
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, Palette.TITLE, plot, false);
        NumberAxis scaleAxis = new NumberAxis("Pearson correlation");
        scaleAxis.setRange(-1, 1);
        scaleAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.25));
        scaleAxis.setLabelFont(Palette.LABEL);
        PaintScaleLegend legend = new PaintScaleLegend(new Diverging(), scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(18);
        legend.setMargin(8, 8, 8, 8);
        chart.addSubtitle(legend);
        Charts.save(chart, file, width, height);
    }

    /** Blue (-1) to white (0) to red (+1). */
    private static final class Diverging implements PaintScale {
        @Override
        public double getLowerBound() {
            return -1;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public java.awt.Paint getPaint(double v) {
            if (Double.isNaN(v)) {
                return Color.GRAY;
            }
            double t = Math.max(-1, Math.min(1, v));
            int fade = (int) Math.round(255 * (1 - Math.abs(t)));
            return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
        }
    }
}
