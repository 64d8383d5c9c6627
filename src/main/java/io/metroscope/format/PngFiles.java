package io.metroscope.format;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * PNG figures with a stated resolution: the pixel density goes into the {@code pHYs} chunk (pixels per metre),
 * so that layout programs place a 300-DPI figure at its intended size.
 */
public final class PngFiles {

    /** The resolutions figures can be exported at; 72 is the on-screen size (one pixel per point). */
    public static final List<Integer> DPI_CHOICES = List.of(72, 150, 300, 600);

    private static final double METRES_PER_INCH = 0.0254;

    private PngFiles() {
    }

    /** How much larger than on screen a figure at {@code dpi} is rendered (72 DPI: the screen size). */
    public static double scaleFor(int dpi) {
        return dpi / 72.0;
    }

    /** Writes {@code image} as PNG to {@code file} (atomically), its pHYs chunk saying {@code dpi}. */
    public static void write(BufferedImage image, Path file, int dpi) throws IOException {
        if (dpi <= 0) {
            throw new IllegalArgumentException("DPI must be positive: " + dpi);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        ImageWriter writer = writers.next();
        try {
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            String pixelsPerMetre = Long.toString(Math.round(dpi / METRES_PER_INCH));
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            phys.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
            phys.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
            phys.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(phys);
            meta.mergeTree("javax_imageio_png_1.0", root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, meta), null);
            }
            AtomicFiles.write(file, out -> bytes.writeTo(out));
        } finally {
            writer.dispose();
        }
    }

    /** {@code image} scaled by {@code factor} with bicubic interpolation (a figure drawn at a fixed size). */
    public static BufferedImage scaled(BufferedImage image, double factor) {
        if (Math.abs(factor - 1) < 1e-9) {
            return image;
        }
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The resolution a PNG file's pHYs chunk states, in DPI (rounded), or empty when it has none or states no
     * unit. Throws a {@link FormatException} naming the file when it is not a PNG.
     */
    public static OptionalInt readDpi(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] signature = in.readNBytes(8);
            if (signature.length != 8 || (signature[1] & 255) != 'P' || (signature[2] & 255) != 'N'
                    || (signature[3] & 255) != 'G') {
                throw new FormatException(file, "not a PNG file", "export the figure as PNG again");
            }
            while (true) {
                int length = in.readInt();
                String type = new String(in.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII);
                if (type.equals("pHYs")) {
                    long x = in.readInt() & 0xffffffffL;
                    in.readInt();
                    int unit = in.readUnsignedByte();
                    return unit == 1 ? OptionalInt.of((int) Math.round(x * METRES_PER_INCH)) : OptionalInt.empty();
                }
                if (type.equals("IDAT") || type.equals("IEND")) {
                    return OptionalInt.empty(); // pHYs must come before the image data
                }
                in.skipNBytes(length + 4L);
            }
        } catch (java.io.EOFException truncated) {
            throw new FormatException(file, "ends inside a PNG chunk (truncated)", "export the figure again");
        }
    }
}
