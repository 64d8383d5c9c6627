package io.metroscope.vision;

import java.nio.file.Path;

/** {@link TestVideos} for tests outside this package. */
public final class LiveTestVideos {

    private LiveTestVideos() {
    }

    /** A red square moving over grey, H.264 in MP4. */
    public static Path h264Mp4(Path file, int width, int height, int frames, double fps) throws Exception {
        return TestVideos.h264Mp4(file, width, height, frames, fps);
    }
}
