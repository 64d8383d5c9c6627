package io.metroscope.recon;

import io.metroscope.format.MeshData;
import io.metroscope.format.SvgDocument;
import io.metroscope.model.MeshKind;
import io.metroscope.vision.CropTransform;
import io.metroscope.vision.RgbImage;
import io.metroscope.vision.render.OfficialDemoRenderer;
import io.metroscope.vision.render.RenderImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The official demo's output image (METRO.md §2.2): the 224×224 input, the attention "rays" panel (one line
 * from the reference joint to every coarse vertex, yellow and opaque in proportion to its attention, over the
 * darkened render) and the rendered mesh, side by side.
 */
public final class OfficialDemoFigure {

    private static final int S = OfficialDemoRenderer.SIZE;

    private OfficialDemoFigure() {
    }

    /**
     * Composes the 672×224 figure.
     *
     * @param image the original image the reconstruction was made from
     * @param row the reference joint's attention row over all tokens (as {@link AttentionMaps#row})
     * @param joint the reference joint (token index)
     */
    public static BufferedImage compose(Reconstruction r, RgbImage image, int[] faces, double[] row, int joint) {
        RgbImage crop = cropOf(image, r.crop());
        RenderImage render = renderOver(r, faces, crop);
        BufferedImage out = new BufferedImage(3 * S, S, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(toBuffered(crop), 0, 0, null);
            g.drawImage(rays(render, r, row, joint), S, 0, null);
            g.drawImage(render.toRgbImage(), 2 * S, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * A paper-style grid (Fig. 3): the input, then the attention rays of each of {@code joints}, one panel each.
     *
     * @param combined the combined N×N attention (as {@link AttentionMaps#combine})
     */
    public static BufferedImage grid(Reconstruction r, RgbImage image, int[] faces, double[] combined, int[] joints) {
        RgbImage crop = cropOf(image, r.crop());
        RenderImage render = renderOver(r, faces, crop);
        BufferedImage out = new BufferedImage((1 + joints.length) * S, S, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(toBuffered(crop), 0, 0, null);
            for (int k = 0; k < joints.length; k++) {
                double[] row = AttentionMaps.row(combined, r.tokenCount(), joints[k]);
                g.drawImage(rays(render, r, row, joints[k]), (1 + k) * S, 0, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * {@link #compose} as SVG: the input and the render embedded as PNG, the rays panel's darkened render as PNG
     * under vector rays and vertex dots, and a caption under each panel.
     */
    public static SvgDocument composeSvg(Reconstruction r, RgbImage image, int[] faces, double[] row, int joint,
            String jointName) {
        RgbImage crop = cropOf(image, r.crop());
        RenderImage render = renderOver(r, faces, crop);
        SvgDocument svg = new SvgDocument(3 * S, S + CAPTION);
        svg.rect(0, 0, 3 * S, S + CAPTION, 0xffffff, 1);
        svg.image(0, 0, S, S, toBuffered(crop), 1);
        svg.beginGroup(S, 0);
        raysSvg(svg, render, r, row, joint);
        svg.endGroup();
        svg.image(2 * S, 0, S, S, render.toRgbImage(), 1);
        caption(svg, 0, "input");
        caption(svg, S, "attention of " + jointName);
        caption(svg, 2 * S, "mesh");
        return svg;
    }

    /** {@link #grid} as SVG, each rays panel in vector form and captioned with its joint's name. */
    public static SvgDocument gridSvg(Reconstruction r, RgbImage image, int[] faces, double[] combined, int[] joints,
            java.util.List<String> jointNames) {
        RgbImage crop = cropOf(image, r.crop());
        RenderImage render = renderOver(r, faces, crop);
        SvgDocument svg = new SvgDocument((1 + joints.length) * S, S + CAPTION);
        svg.rect(0, 0, (1 + joints.length) * S, S + CAPTION, 0xffffff, 1);
        svg.image(0, 0, S, S, toBuffered(crop), 1);
        caption(svg, 0, "input");
        for (int k = 0; k < joints.length; k++) {
            svg.beginGroup((1 + k) * S, 0);
            raysSvg(svg, render, r, AttentionMaps.row(combined, r.tokenCount(), joints[k]), joints[k]);
            svg.endGroup();
            caption(svg, (1 + k) * S, jointNames.get(joints[k]));
        }
        return svg;
    }

    private static final int CAPTION = 22;

    private static void caption(SvgDocument svg, double x, String text) {
        svg.text(x + S / 2.0, S + 15, text, 12, 0x202020, SvgDocument.Anchor.MIDDLE);
    }

    private static RenderImage renderOver(Reconstruction r, int[] faces, RgbImage crop) {
        return new OfficialDemoRenderer().render(MeshData.of(r.verticesCentered(), faces), r.camera(),
                r.kind() == MeshKind.HAND ? OfficialDemoRenderer.BodyColor.HAND : OfficialDemoRenderer.BodyColor.PINK,
                crop.rgb());
    }

    /** The rays panel in vector form: the darkened render as PNG, then the same rays and dots as {@link #rays}. */
    private static void raysSvg(SvgDocument svg, RenderImage render, Reconstruction r, double[] row, int joint) {
        svg.image(0, 0, S, S, darkened(render), 1);
        RayGeometry rays = RayGeometry.of(r, row, joint);
        for (int i : rays.weakestFirst()) {
            if (rays.visible(i)) {
                svg.line(rays.jointX(), rays.jointY(), rays.x(i), rays.y(i), 0xffff00, 1, rays.alpha(i));
            }
        }
        for (int i = 0; i < rays.count(); i++) {
            svg.circle(rays.x(i), rays.y(i), 1, 0xffffff, 1);
        }
    }

    /** The joints of the official demo's multi-joint variant: body R/L wrists, elbows… ; hand wrist and tips. */
    public static int[] defaultGridJoints(MeshKind kind) {
        return kind == MeshKind.HAND ? new int[] {0, 4, 8, 12, 16, 20} : new int[] {6, 7, 4, 5, 13, 12};
    }

    /** The middle panel: the darkened render with the rays, strongest drawn last, then the vertices as dots. */
    static BufferedImage rays(RenderImage render, Reconstruction r, double[] row, int joint) {
        BufferedImage panel = darkened(render);
        RayGeometry rays = RayGeometry.of(r, row, joint);
        Graphics2D g = panel.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(1f));
            for (int i : rays.weakestFirst()) {
                if (rays.visible(i)) {
                    g.setColor(new Color(1f, 1f, 0f, rays.alpha(i)));
                    g.draw(new Line2D.Double(rays.jointX(), rays.jointY(), rays.x(i), rays.y(i)));
                }
            }
            g.setColor(Color.WHITE);
            for (int i = 0; i < rays.count(); i++) {
                g.fill(new Ellipse2D.Double(rays.x(i) - 1, rays.y(i) - 1, 2, 2));
            }
        } finally {
            g.dispose();
        }
        return panel;
    }

    /**
     * One joint's rays in panel pixels: from the joint to every coarse vertex, each as opaque as its attention
     * relative to the strongest; the raster and the SVG panel draw the same geometry.
     */
    private record RayGeometry(float[] values, float max, float[] vertices, double jointX, double jointY) {

        static RayGeometry of(Reconstruction r, double[] row, int joint) {
            float[] values = AttentionMaps.coarseVertexValues(row, r.jointCount());
            float max = 0;
            for (float v : values) {
                max = Math.max(max, v);
            }
            float[] joints = r.joints2d();
            return new RayGeometry(values, max, r.verticesCoarse2d(), toPanel(joints[2 * joint]),
                    toPanel(joints[2 * joint + 1]));
        }

        int count() {
            return values.length;
        }

        /** Vertex indices by attention, weakest first, so the strongest rays are drawn on top. */
        Integer[] weakestFirst() {
            Integer[] order = new Integer[values.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
            return order;
        }

        boolean visible(int i) {
            return values[i] > 0 && max > 0;
        }

        float alpha(int i) {
            return values[i] / max;
        }

        double x(int i) {
            return toPanel(vertices[2 * i]);
        }

        double y(int i) {
            return toPanel(vertices[2 * i + 1]);
        }

        /** Normalised image coordinates (−1…1) to panel pixels. */
        private static double toPanel(float v) {
            return (v + 1) * 0.5 * S;
        }
    }

    /** The render at 40% brightness, the background of the rays panel. */
    private static BufferedImage darkened(RenderImage render) {
        BufferedImage panel = render.toRgbImage();
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                int c = panel.getRGB(x, y);
                int red = (int) (((c >> 16) & 255) * 0.4);
                int green = (int) (((c >> 8) & 255) * 0.4);
                int blue = (int) ((c & 255) * 0.4);
                panel.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return panel;
    }

    /** The 224×224 crop the model saw, sampled bilinearly from the image through the crop transform. */
    static RgbImage cropOf(RgbImage image, CropTransform t) {
        byte[] out = new byte[S * S * 3];
        for (int v = 0; v < S; v++) {
            for (int u = 0; u < S; u++) {
                double[] p = t.toImage(u + 0.5, v + 0.5);
                double x = p[0] - 0.5;
                double y = p[1] - 0.5;
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                double fx = x - x0;
                double fy = y - y0;
                for (int c = 0; c < 3; c++) {
                    double a = sample(image, x0, y0, c) * (1 - fx) + sample(image, x0 + 1, y0, c) * fx;
                    double b = sample(image, x0, y0 + 1, c) * (1 - fx) + sample(image, x0 + 1, y0 + 1, c) * fx;
                    out[3 * (v * S + u) + c] = (byte) Math.round(a * (1 - fy) + b * fy);
                }
            }
        }
        return new RgbImage(S, S, out);
    }

    private static int sample(RgbImage image, int x, int y, int c) {
        // Outside the image the crop is black padding, as the official crop pads.
        return x < 0 || y < 0 || x >= image.width() || y >= image.height() ? 0 : image.get(x, y, c);
    }

    private static BufferedImage toBuffered(RgbImage img) {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                b.setRGB(x, y, (img.get(x, y, 0) << 16) | (img.get(x, y, 1) << 8) | img.get(x, y, 2));
            }
        }
        return b;
    }
}
