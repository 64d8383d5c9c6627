package io.metroscope.ui.attention;

import io.metroscope.format.SvgDocument;
import io.metroscope.format.SvgDocument.Anchor;
import io.metroscope.ui.mesh.ColorMap;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javafx.scene.paint.Color;

/**
 * The Attention workspace's figures as SVG: the splats over the image (vector splats over the embedded image),
 * the matrix (one vector cell each, labelled rows) and the 3D view (embedded snapshot), each with a title and
 * a colour legend.
 */
final class AttentionSvg {

    private static final int TEXT = 0xdddddd;
    private static final int BACKGROUND = 0x20242a;
    private static final double TITLE = 26;
    private static final double LEGEND = 44;

    private AttentionSvg() {
    }

    /**
     * Splats over the image: {@code coarsePx}/{@code jointsPx} in image pixels, {@code values} in [0, 1] per
     * coarse vertex; the chosen joint ringed.
     */
    static SvgDocument splats(BufferedImage image, float[] coarsePx, float[] values, float[] jointsPx, int joint,
            ColorMap map, String title, String low, String high) {
        int w = image.getWidth();
        int h = image.getHeight();
        SvgDocument svg = new SvgDocument(w, TITLE + h + LEGEND);
        svg.rect(0, 0, w, TITLE + h + LEGEND, BACKGROUND, 1);
        svg.text(8, 18, title, 14, TEXT, Anchor.START);
        svg.beginGroup(0, TITLE);
        svg.image(0, 0, w, h, image, 0.45);
        double r = Math.max(2, 4.0 * w / 640);
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        // Low values first, so the strongest attention is on top, as on screen.
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        for (int i : order) {
            svg.circle(coarsePx[2 * i], coarsePx[2 * i + 1], r, rgb(map.at(values[i])), 0.35 + 0.65 * values[i]);
        }
        if (joint >= 0) {
            svg.strokeCircle(jointsPx[2 * joint], jointsPx[2 * joint + 1], Math.max(5, r * 2), 0xffffff, 2);
        }
        svg.endGroup();
        legend(svg, 8, TITLE + h + 12, Math.min(260, w - 16), map, low, high);
        return svg;
    }

    /**
     * A rows × cols matrix, each row scaled to its own maximum as on screen; column labels only when they fit
     * (joints × joints).
     */
    static SvgDocument matrix(double[] m, int rows, int cols, List<String> rowNames, List<String> colNames,
            ColorMap map, String title) {
        double labelWidth = 90;
        double cw = cols <= 40 ? 24 : Math.max(2, 900.0 / cols);
        double ch = cols <= 40 ? 24 : 16;
        double columnLabels = cols <= 40 ? 80 : 18;
        double w = labelWidth + cols * cw + 10;
        double top = TITLE;
        double h = top + rows * ch + columnLabels + LEGEND;
        SvgDocument svg = new SvgDocument(w, h);
        svg.rect(0, 0, w, h, BACKGROUND, 1);
        svg.text(8, 18, title, 14, TEXT, Anchor.START);
        for (int r = 0; r < rows; r++) {
            double max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, m[r * cols + c]);
            }
            for (int c = 0; c < cols; c++) {
                svg.rect(labelWidth + c * cw, top + r * ch, cw, ch, rgb(map.at(max > 0 ? m[r * cols + c] / max : 0)), 1);
            }
            svg.text(labelWidth - 4, top + r * ch + ch / 2 + 4, rowNames.get(r), 11, TEXT, Anchor.END);
        }
        double below = top + rows * ch;
        if (cols <= 40) {
            for (int c = 0; c < cols; c++) {
                svg.text(labelWidth + c * cw + cw / 2 + 4, below + 6, colNames.get(c), 11, TEXT, Anchor.START, 90);
            }
        } else {
            svg.text(labelWidth, below + 14, "tokens: " + colNames.get(0) + " … " + colNames.get(cols - 1), 11, TEXT,
                    Anchor.START);
        }
        legend(svg, labelWidth, below + columnLabels + 10, 260, map, "0", "row max");
        return svg;
    }

    /** A raster snapshot (the 3D view) with a title and the colour legend. */
    static SvgDocument snapshot(BufferedImage image, ColorMap map, String title, String low, String high) {
        int w = image.getWidth();
        int h = image.getHeight();
        SvgDocument svg = new SvgDocument(w, TITLE + h + LEGEND);
        svg.rect(0, 0, w, TITLE + h + LEGEND, BACKGROUND, 1);
        svg.text(8, 18, title, 14, TEXT, Anchor.START);
        svg.image(0, TITLE, w, h, image, 1);
        legend(svg, 8, TITLE + h + 12, Math.min(260, w - 16), map, low, high);
        return svg;
    }

    private static void legend(SvgDocument svg, double x, double y, double width, ColorMap map, String low,
            String high) {
        int[] stops = new int[11];
        for (int i = 0; i < stops.length; i++) {
            stops[i] = rgb(map.at(i / 10.0));
        }
        double bar = Math.max(40, width - 120);
        svg.text(x, y + 11, low, 11, TEXT, Anchor.START);
        svg.gradientBar(x + 50, y, bar, 12, stops);
        svg.text(x + 56 + bar, y + 11, high, 11, TEXT, Anchor.START);
    }

    static int rgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }
}
