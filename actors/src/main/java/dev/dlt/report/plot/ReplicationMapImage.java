package dev.dlt.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.nio.file.Path;

/**
 * The replication map (the paper's Figure 1): layers as a row of nodes from input (left) to output
 * (right); an independent layer is a filled node, a tied layer a hollow one with an arrow to the root whose
 * weights it uses. Drawn with plain Java2D into a BufferedImage (JFreeChart has no graph layout).
 */
public final class ReplicationMapImage {

    private ReplicationMapImage() {
    }

    public static void write(int[] tieState, String title, Path file, int width, int height) {
        int layers = tieState.length;
        try (Canvas c = new Canvas(width, height)) {
            c.title(title);
            int independent = (int) java.util.stream.IntStream.range(0, layers).filter(i -> tieState[i] == i).count();
            c.g.setColor(Color.DARK_GRAY);
            c.centered(independent + " of " + layers + " layers independent, " + (layers - independent)
                    + " tied", Palette.LABEL, width / 2, 56);
            int margin = 50;
            double pitch = (width - 2.0 * margin) / layers;
            double d = Math.min(44, pitch * 0.7);
            double rowY = height - 110;
            double maxArc = rowY - d / 2 - 80;
            for (int i = 0; i < layers; i++) {
                if (tieState[i] != i) {
                    arrow(c, x(margin, pitch, tieState[i]), x(margin, pitch, i), rowY - d / 2, layers, maxArc,
                            Palette.root(tieState[i]));
                }
            }
            for (int i = 0; i < layers; i++) {
                node(c, i, tieState[i], x(margin, pitch, i), rowY, d);
            }
            legend(c, width, height);
            c.save(file);
        }
    }

    private static double x(int margin, double pitch, int layer) {
        return margin + pitch * (layer + 0.5);
    }

    private static void node(Canvas c, int layer, int root, double x, double y, double d) {
        Ellipse2D circle = new Ellipse2D.Double(x - d / 2, y - d / 2, d, d);
        boolean independent = root == layer;
        c.g.setColor(independent ? Palette.root(root) : Color.WHITE);
        c.g.fill(circle);
        c.g.setColor(independent ? Color.BLACK : Palette.root(root));
        c.g.setStroke(new BasicStroke(independent ? 2f : 2.5f));
        c.g.draw(circle);
        c.g.setColor(Color.BLACK);
        java.awt.Font f = d < 22 ? Palette.SMALL.deriveFont(9f) : Palette.SMALL;
        c.centered(Integer.toString(layer), f, (int) x, (int) (y + d / 2 + 16));
    }

    /** A curve above the row from the tied layer back to its root, the head at the root. */
    private static void arrow(Canvas c, double rootX, double fromX, double y, int layers, double maxArc, Color color) {
        double span = Math.abs(fromX - rootX);
        double lift = Math.min(maxArc, 25 + span * 0.45);
        QuadCurve2D curve = new QuadCurve2D.Double(fromX, y, (fromX + rootX) / 2, y - 2 * lift, rootX, y);
        c.g.setColor(color);
        c.g.setStroke(new BasicStroke(layers > 24 ? 1.4f : 2f));
        c.g.draw(curve);
        // arrow head along the curve's end tangent (control point -> end)
        double dx = rootX - (fromX + rootX) / 2;
        double dy = 2 * lift;
        double len = Math.hypot(dx, dy);
        double ux = dx / len;
        double uy = dy / len;
        double size = 9;
        Path2D head = new Path2D.Double();
        head.moveTo(rootX, y);
        head.lineTo(rootX - size * ux - size * 0.5 * uy, y - size * uy + size * 0.5 * ux);
        head.lineTo(rootX - size * ux + size * 0.5 * uy, y - size * uy - size * 0.5 * ux);
        head.closePath();
        c.g.fill(head);
    }

    private static void legend(Canvas c, int width, int height) {
        c.g.setColor(Color.DARK_GRAY);
        c.centered("layer index (input -> output)", Palette.LABEL, width / 2, height - 60);
        c.centered("filled: independent layer (trains its own weights)    hollow: tied layer, "
                + "arrow points to the layer whose weights it uses", Palette.LABEL, width / 2, height - 25);
    }
}
