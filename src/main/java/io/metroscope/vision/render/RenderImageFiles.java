package io.metroscope.vision.render;

import io.metroscope.format.AtomicFiles;
import io.metroscope.format.FormatException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Saves rendered images as PNG, atomically. */
public final class RenderImageFiles {
    private RenderImageFiles() {
    }

    /** Writes an opaque RGB PNG. */
    public static void writePng(Path target, RenderImage image) throws FormatException {
        write(target, image.toRgbImage());
    }

    /** Writes an RGBA PNG whose alpha is the mesh coverage. */
    public static void writePngWithAlpha(Path target, RenderImage image) throws FormatException {
        write(target, image.toArgbImage());
    }

    private static void write(Path target, BufferedImage img) throws FormatException {
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(img, "png", out)) {
                // Only happens on a JRE stripped of its PNG writer.
                throw new IOException("no PNG writer is installed");
            }
        });
    }
}
