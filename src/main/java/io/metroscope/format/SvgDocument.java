package io.metroscope.format;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small SVG 1.1 writer for figures: vector shapes and text for axes, labels, legends and cells; raster parts
 * as embedded PNG {@code <image>} elements. Coordinates are user units (pixels of the figure). Colours are
 * {@code 0xRRGGBB}. Build it, then {@link #write} or {@link #toString}.
 */
public final class SvgDocument {

    private final double width;
    private final double height;
    private final StringBuilder body = new StringBuilder();
    private int gradients;

    public SvgDocument(double width, double height) {
        if (!(width > 0 && height > 0)) {
            throw new IllegalArgumentException("an SVG needs a positive size, not " + width + "×" + height);
        }
        this.width = width;
        this.height = height;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** A filled rectangle; {@code opacity} 1 is opaque. */
    public SvgDocument rect(double x, double y, double w, double h, int rgb, double opacity) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(hex(rgb)).append('"')
                .append(opacity(opacity, "fill-opacity")).append("/>\n");
        return this;
    }

    /** An outlined rectangle. */
    public SvgDocument strokeRect(double x, double y, double w, double h, int rgb, double strokeWidth) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"none\" stroke=\"").append(hex(rgb))
                .append("\" stroke-width=\"").append(n(strokeWidth)).append("\"/>\n");
        return this;
    }

    /** A filled circle. */
    public SvgDocument circle(double cx, double cy, double r, int rgb, double opacity) {
        body.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(hex(rgb)).append('"').append(opacity(opacity, "fill-opacity"))
                .append("/>\n");
        return this;
    }

    /** An outlined circle. */
    public SvgDocument strokeCircle(double cx, double cy, double r, int rgb, double strokeWidth) {
        body.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"none\" stroke=\"").append(hex(rgb)).append("\" stroke-width=\"")
                .append(n(strokeWidth)).append("\"/>\n");
        return this;
    }

    /** A straight line. */
    public SvgDocument line(double x1, double y1, double x2, double y2, int rgb, double strokeWidth, double opacity) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(hex(rgb)).append("\" stroke-width=\"")
                .append(n(strokeWidth)).append('"').append(opacity(opacity, "stroke-opacity")).append("/>\n");
        return this;
    }

    /** Where a text's anchor point lies along the text. */
    public enum Anchor {
        START, MIDDLE, END
    }

    /** Text whose baseline starts, centres or ends at {@code (x, y)}; sans-serif, {@code size} user units. */
    public SvgDocument text(double x, double y, String text, double size, int rgb, Anchor anchor) {
        return text(x, y, text, size, rgb, anchor, 0);
    }

    /** {@link #text} turned by {@code degrees} (clockwise, SVG's sense) about its anchor point. */
    public SvgDocument text(double x, double y, String text, double size, int rgb, Anchor anchor, double degrees) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-family=\"sans-serif\"")
                .append(" font-size=\"").append(n(size)).append("\" fill=\"").append(hex(rgb)).append('"');
        if (degrees != 0) {
            body.append(" transform=\"rotate(").append(n(degrees)).append(',').append(n(x)).append(',').append(n(y))
                    .append(")\"");
        }
        if (anchor != Anchor.START) {
            body.append(" text-anchor=\"").append(anchor.name().toLowerCase(Locale.ROOT)).append('"');
        }
        body.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** A horizontal colour bar through {@code stops} (colours evenly spaced left to right). */
    public SvgDocument gradientBar(double x, double y, double w, double h, int[] stops) {
        if (stops.length < 2) {
            throw new IllegalArgumentException("a gradient needs two colours or more");
        }
        String id = "gradient" + gradients++;
        body.append("<defs><linearGradient id=\"").append(id).append("\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">");
        for (int i = 0; i < stops.length; i++) {
            body.append("<stop offset=\"").append(n(i / (double) (stops.length - 1))).append("\" stop-color=\"")
                    .append(hex(stops[i])).append("\"/>");
        }
        body.append("</linearGradient></defs>\n");
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"url(#").append(id).append(")\"/>\n");
        return this;
    }

    /** A raster image, embedded as PNG, drawn into the box {@code (x, y, w, h)}. */
    public SvgDocument image(double x, double y, double w, double h, BufferedImage image, double opacity) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        body.append("<image x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" preserveAspectRatio=\"none\"")
                .append(opacity(opacity, "opacity")).append(" xlink:href=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"/>\n");
        return this;
    }

    /** Starts a group moved by {@code (dx, dy)}; close it with {@link #endGroup}. */
    public SvgDocument beginGroup(double dx, double dy) {
        body.append("<g transform=\"translate(").append(n(dx)).append(',').append(n(dy)).append(")\">\n");
        return this;
    }

    public SvgDocument endGroup() {
        body.append("</g>\n");
        return this;
    }

    /** The whole document. */
    @Override
    public String toString() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\""
                + " width=\"" + n(width) + "\" height=\"" + n(height) + "\" viewBox=\"0 0 " + n(width) + ' '
                + n(height) + "\">\n" + body + "</svg>\n";
    }

    /** Writes the document (UTF-8) atomically. */
    public void write(Path file) throws FormatException {
        byte[] bytes = toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static String opacity(double value, String attribute) {
        return value >= 1 ? "" : " " + attribute + "=\"" + n(Math.max(0, value)) + '"';
    }

    static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }

    /** A number with at most 3 decimals and no exponent, as SVG wants. */
    static String n(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("SVG coordinates must be finite, not " + v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        String t = s.substring(0, end);
        return t.equals("-0") ? "0" : t;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters; drop them.
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
