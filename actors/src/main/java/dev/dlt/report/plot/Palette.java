package dev.dlt.report.plot;

import java.awt.Color;

/** Colours for layers (by root) and the fonts all figures share, so one layer has one colour everywhere. */
final class Palette {

    static final java.awt.Font TITLE = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 18);
    static final java.awt.Font LABEL = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13);
    static final java.awt.Font SMALL = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11);

    private Palette() {
    }

    /** Tableau 20, reordered so the first ten are the strong, clearly distinct ones. */
    private static final int[] QUALITATIVE = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
        0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5};

    /** One colour per root layer: a qualitative palette, then golden-angle hues beyond 20 layers. */
    static Color root(int layer) {
        if (layer < QUALITATIVE.length) {
            return new Color(QUALITATIVE[layer]);
        }
        float hue = (layer * 0.618034f) % 1f;
        return Color.getHSBColor(hue, 0.6f, layer % 2 == 0 ? 0.85f : 0.6f);
    }
}
