package io.metroscope.vision;

import java.util.Objects;

/**
 * One decoded frame of a {@link FrameSource}.
 *
 * @param index 0-based position in the stream (frames the source skipped still count)
 * @param timestampMicros presentation time in microseconds from the start of the stream (files) or from when the
 *                        source was opened (cameras)
 * @param image the pixels, RGB
 */
public record VideoFrame(long index, long timestampMicros, RgbImage image) {

    public VideoFrame {
        Objects.requireNonNull(image, "image");
        if (index < 0) {
            throw new IllegalArgumentException("frame index must not be negative: " + index);
        }
    }

    /** The timestamp in seconds. */
    public double timestampSeconds() {
        return timestampMicros / 1e6;
    }
}
