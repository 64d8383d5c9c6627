package io.metroscope.app;

import io.metroscope.recon.ModelBundles;
import io.metroscope.vision.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** What a file handed to Metroscope (opened, dropped, or named on the command line) is, judged by its name. */
public enum InputKind {
    IMAGE, FOLDER, VIDEO, CHECKPOINT, UNKNOWN;

    private static final Set<String> IMAGES = Set.copyOf(ImageFiles.EXTENSIONS);
    private static final Set<String> VIDEOS = Set.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg", "mpeg");
    // .bin/.pth/.pt/.ckpt: torch checkpoints; .metro.json: our model bundles.
    private static final Set<String> CHECKPOINTS = Set.of("bin", "pth", "pt", "ckpt", "tar");

    /** Classifies a path; folders are recognised on disk, everything else by extension. */
    public static InputKind of(Path path) {
        if (Files.isDirectory(path)) {
            return FOLDER;
        }
        if (ModelBundles.isManifestName(path)) {
            return CHECKPOINT;
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (IMAGES.contains(ext)) {
            return IMAGE;
        }
        if (VIDEOS.contains(ext)) {
            return VIDEO;
        }
        if (CHECKPOINTS.contains(ext)) {
            return CHECKPOINT;
        }
        return UNKNOWN;
    }

    /** File-name patterns for file choosers, e.g. {@code *.png}. */
    public Set<String> extensions() {
        return switch (this) {
            case IMAGE -> IMAGES;
            case VIDEO -> VIDEOS;
            case CHECKPOINT -> CHECKPOINTS;
            default -> Set.of();
        };
    }
}
