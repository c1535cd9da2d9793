package dev.dlt.report.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * The tie history: one horizontal strip per layer (layer 0 at the top) over training steps, each cell
 * coloured by the root whose weights the layer used at that step; an independent layer has its own colour.
 * Plain Java2D, one colour per root as in the replication map.
 */
public final class TieHistoryImage {

    private static final int LEFT = 80;
    private static final int RIGHT = 150;
    private static final int TOP = 55;
    private static final int BOTTOM = 70;

    private TieHistoryImage() {
    }

    /** A tie state at a training step. */
    public record Sample(long step, int[] state) {
    }

    /** {@code samples} in step order, all states of the same length. */
    public static void write(List<Sample> samples, String title, Path file, int width, int height) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no tie states to draw");
        }
        int layers = samples.get(0).state().length;
        long first = samples.get(0).step();
        long last = Math.max(first + 1, samples.get(samples.size() - 1).step() + 1);
        double plotW = width - LEFT - RIGHT;
        double rowH = (height - TOP - BOTTOM) / (double) layers;
        TreeSet<Integer> roots = new TreeSet<>();
        try (Canvas c = new Canvas(width, height)) {
            c.title(title);
            for (int k = 0; k < samples.size(); k++) {
                long from = samples.get(k).step();
                long to = k + 1 < samples.size() ? samples.get(k + 1).step() : last;
                int x0 = LEFT + (int) Math.floor(plotW * (from - first) / (last - first));
                int x1 = LEFT + (int) Math.ceil(plotW * (to - first) / (last - first));
                int[] s = samples.get(k).state();
                for (int layer = 0; layer < layers; layer++) {
                    roots.add(s[layer]);
                    c.g.setColor(Palette.root(s[layer]));
                    c.g.fillRect(x0, TOP + (int) (layer * rowH), Math.max(1, x1 - x0), (int) Math.ceil(rowH));
                }
            }
            axes(c, layers, rowH, first, last, plotW, height);
            legend(c, roots, width);
            c.save(file);
        }
    }

    private static void axes(Canvas c, int layers, double rowH, long first, long last, double plotW, int height) {
        c.g.setColor(Color.BLACK);
        c.g.drawRect(LEFT, TOP, (int) plotW, (int) (rowH * layers));
        int every = Math.max(1, (int) Math.ceil(layers / (rowH * layers / 14.0)));
        for (int layer = 0; layer < layers; layer += every) {
            c.g.setFont(Palette.SMALL);
            String label = Integer.toString(layer);
            c.g.drawString(label, LEFT - 8 - c.g.getFontMetrics().stringWidth(label),
                    TOP + (int) ((layer + 0.5) * rowH) + 4);
        }
        long unit = niceStep((last - first) / 6.0);
        for (long step = (first + unit - 1) / unit * unit; step <= last; step += unit) {
            int x = LEFT + (int) (plotW * (step - first) / (last - first));
            c.g.drawLine(x, TOP + (int) (rowH * layers), x, TOP + (int) (rowH * layers) + 5);
            c.centered(Long.toString(step), Palette.SMALL, x, TOP + (int) (rowH * layers) + 19);
        }
        c.centered("training step", Palette.LABEL, LEFT + (int) plotW / 2, height - 18);
        java.awt.geom.AffineTransform saved = c.g.getTransform();
        c.g.rotate(-Math.PI / 2);
        c.centered("layer", Palette.LABEL, -(TOP + (int) (rowH * layers / 2)), 30);
        c.g.setTransform(saved);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static long niceStep(double raw) {
        long pow = 1;
        while (pow * 10 <= raw) {
            pow *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * pow >= raw) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    private static void legend(Canvas c, TreeSet<Integer> roots, int width) {
        int x = width - RIGHT + 20;
        int y = TOP;
        c.g.setFont(Palette.LABEL);
        c.g.setColor(Color.BLACK);
        c.g.drawString("colour = root", x, y + 10);
        int shown = 0;
        for (int root : roots) {
            if (shown == 24) {
                c.g.setColor(Color.BLACK);
                c.g.drawString("... " + (roots.size() - shown) + " more", x, y + 34 + shown * 18);
                break;
            }
            c.g.setColor(Palette.root(root));
            c.g.fillRect(x, y + 22 + shown * 18, 14, 14);
            c.g.setColor(Color.BLACK);
            c.g.drawString("layer " + root, x + 20, y + 34 + shown * 18);
            shown++;
        }
    }
}
