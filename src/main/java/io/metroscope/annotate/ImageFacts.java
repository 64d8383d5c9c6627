package io.metroscope.annotate;

import io.metroscope.format.FormatException;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an item records about its image: size as people see it (EXIF orientation applied, as the Reconstruct
 * workspace and the image view decode it, so crops and 2D joints line up) and SHA-256 of the file.
 *
 * @param width  pixels
 * @param height pixels
 * @param sha256 lower-case hex SHA-256 of the file
 */
public record ImageFacts(int width, int height, String sha256) {

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
}
