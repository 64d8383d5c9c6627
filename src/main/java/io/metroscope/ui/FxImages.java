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

    private static final java.util.concurrent.ExecutorService DECODER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fx-image-decode");
                t.setDaemon(true);
                return t;
            });

    /**
     * Decodes the image file off the FX thread (a large photo takes far longer than a frame), builds the JavaFX
     * image there too, then gives it (null when it cannot be decoded) to {@code onFx} on the FX thread.
     */
    public static void loadAsync(Path file, java.util.function.Consumer<Image> onFx) {
        DECODER.execute(() -> {
            Image image = load(file);
            javafx.application.Platform.runLater(() -> onFx.accept(image));
        });
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
