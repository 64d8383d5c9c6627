package io.metroscope.annotate;

import io.metroscope.format.FormatException;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What an item records about its image: size as people see it (EXIF orientation applied, as the Reconstruct
 * workspace and the image view decode it, so crops and 2D joints line up) and SHA-256 of the file.
 *
 * @param width  pixels
 * @param height pixels
 * @param sha256 lower-case hex SHA-256 of the file
 */
public record ImageFacts(int width, int height, String sha256) {

    /** Extensions of the image files an image-folder import picks up. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "tif", "tiff", "webp");

    /** How item images are decoded everywhere in annotation (display, crops, export). */
    public static DecodeOptions decodeOptions() {
        return DecodeOptions.forUsers();
    }

    /** The facts of {@code image}; fails with a message naming the file when it is missing or not an image. */
    public static ImageFacts of(Path image) throws FormatException {
        if (!Files.isRegularFile(image)) {
            throw new FormatException(image, "the image does not exist", "put the image back, or import again "
                    + "from its new place");
        }
        RgbImage decoded = ImageDecoder.decode(image, decodeOptions());
        try {
            return new ImageFacts(decoded.width(), decoded.height(), ProjectTemplates.sha256(image));
        } catch (IOException e) {
            throw new FormatException(image, "the image cannot be read (" + e.getMessage() + ")",
                    "check the file's permissions", e);
        }
    }

    /** Whether {@code file}'s name ends with an image extension. */
    public static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }
}
