package io.metroscope.vision;

import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the {@link FrameSource} for what the user typed or chose. */
public final class FrameSources {

    private FrameSources() {
    }

    /**
     * {@code /dev/videoN} or {@code camera:N} → {@link WebcamSource}; a folder → {@link ImageSequenceSource};
     * anything else → {@link VideoFileSource}. The source is not opened yet.
     */
    public static FrameSource forName(String name) throws io.metroscope.format.FormatException {
        String n = name.strip();
        int device = WebcamSource.deviceNumber(n);
        if (device >= 0) {
            return new WebcamSource(device);
        }
        if (n.startsWith("camera:")) {
            try {
                return new WebcamSource(Integer.parseInt(n.substring("camera:".length())));
            } catch (NumberFormatException e) {
                throw new io.metroscope.format.FormatException(null, "'" + n + "' names no camera",
                        "write camera:0 or /dev/video0");
            }
        }
        Path path = Path.of(n);
        if (Files.isDirectory(path)) {
            return ImageSequenceSource.ofFolder(path, 0);
        }
        return new VideoFileSource(path);
    }
}
