package io.metroscope.vision;

import io.metroscope.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Which files Metroscope takes for images (by name), and the images of a folder. */
public final class ImageFiles {

    /** Extensions (lower case, no dot) of the formats {@link ImageDecoder} reads; GIF is not one of them. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "tif", "tiff", "webp");

    private ImageFiles() {
    }

    /** Whether {@code file}'s name ends with an image extension, in any case. */
    public static boolean isImage(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    /** The image files directly inside {@code folder}, sorted by name (possibly none). */
    public static List<Path> in(Path folder) throws FormatException {
        if (!Files.isDirectory(folder)) {
            throw new FormatException(folder, "it is not a folder", "choose a folder of images");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> isImage(f) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new FormatException(folder, "cannot list the folder (" + e.getMessage() + ")",
                    "check that you may read it", e);
        }
    }

    /** {@link #in}, refusing a folder without images by name, with {@code fix} as the way on. */
    public static List<Path> nonEmptyIn(Path folder, String fix) throws FormatException {
        List<Path> images = in(folder);
        if (images.isEmpty()) {
            throw new FormatException(folder, "the folder holds no images (" + describeExtensions() + ")", fix);
        }
        return images;
    }

    /** The extensions as messages list them: {@code .png, .jpg, …}. */
    public static String describeExtensions() {
        return "." + String.join(", .", EXTENSIONS);
    }
}
