package io.metroscope.ui;

import io.metroscope.format.FormatException;
import io.metroscope.platform.DaemonThreads;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.RgbImage;
import java.nio.file.Path;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Converts our decoded images into JavaFX images for display. */
public final class FxImages {

    private FxImages() {
    }

    /** A JavaFX copy of an RGB image. */
    public static Image of(RgbImage img) {
        WritableImage fx = new WritableImage(img.width(), img.height());
        fx.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getByteRgbInstance(), img.rgb(), 0,
                img.width() * 3);
        return fx;
    }

    private static final java.util.concurrent.ExecutorService DECODER = DaemonThreads.single("fx-image-decode");

    /** Longest side of an image made for display: larger photos are scaled down once, off the FX thread. */
    static final int DISPLAY_MAX = 2048;

    /**
     * An image scaled down for display that remembers the size of its source, so that views map image pixels
     * (what reconstructions use) onto it.
     */
    public static final class DisplayImage extends WritableImage {
        private final int sourceWidth;
        private final int sourceHeight;

        DisplayImage(int width, int height, int sourceWidth, int sourceHeight) {
            super(width, height);
            this.sourceWidth = sourceWidth;
            this.sourceHeight = sourceHeight;
        }
    }

    /** The width of the image {@code img} shows, in source pixels (its own width unless scaled for display). */
    public static double sourceWidth(Image img) {
        return img instanceof DisplayImage d ? d.sourceWidth : img.getWidth();
    }

    /** The height of the image {@code img} shows, in source pixels. */
    public static double sourceHeight(Image img) {
        return img instanceof DisplayImage d ? d.sourceHeight : img.getHeight();
    }

    /**
     * Decodes the image file off the FX thread (a large photo takes far longer than a frame), scales it down to
     * at most {@value #DISPLAY_MAX} pixels a side and builds the JavaFX image there too (so the renderer never
     * uploads a 12-megapixel texture to show it in a 700-pixel view), then gives it (null when it cannot be
     * decoded) to {@code onFx} on the FX thread. {@link #sourceWidth}/{@link #sourceHeight} give the file's size.
     */
    public static void loadAsync(Path file, java.util.function.Consumer<Image> onFx) {
        DECODER.execute(() -> {
            Image image;
            try {
                image = forDisplay(ImageDecoder.decode(file, DecodeOptions.forUsers()));
            } catch (FormatException unreadable) {
                image = null;
            }
            Image done = image;
            javafx.application.Platform.runLater(() -> onFx.accept(done));
        });
    }

    /** The image at most {@value #DISPLAY_MAX} pixels a side (box-filtered by a whole factor); any thread. */
    public static Image forDisplay(RgbImage img) {
        int factor = (Math.max(img.width(), img.height()) + DISPLAY_MAX - 1) / DISPLAY_MAX;
        if (factor <= 1) {
            return of(img);
        }
        int w = img.width() / factor;
        int h = img.height() / factor;
        byte[] rgb = img.rgb();
        int[] argb = new int[w * h];
        int area = factor * factor;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int p = ((y * factor + dy) * img.width() + x * factor) * 3;
                    for (int dx = 0; dx < factor; dx++, p += 3) {
                        r += rgb[p] & 255;
                        g += rgb[p + 1] & 255;
                        b += rgb[p + 2] & 255;
                    }
                }
                argb[y * w + x] = 0xff000000 | (r / area) << 16 | (g / area) << 8 | b / area;
            }
        }
        DisplayImage out = new DisplayImage(w, h, img.width(), img.height());
        out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), argb, 0, w);
        return out;
    }

    /** The image file as users see it (EXIF orientation applied), or null when it cannot be decoded. */
    public static Image load(Path file) {
        try {
            return of(ImageDecoder.decode(file, DecodeOptions.forUsers()));
        } catch (FormatException unreadable) {
            // Callers show an empty view; the reconstruction itself reports why the file is unusable.
            return null;
        }
    }
}
