package io.metroscope.ui;

import io.metroscope.format.FormatException;
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
