package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clip encoded by Debian's ffmpeg program opens and decodes to the same pixels ffmpeg decodes it to. */
class DebianFfmpegClipTest {

    private static final int W = 192;
    private static final int H = 144;
    private static final int FRAMES = 24;

    @TempDir
    Path tmp;

    @Test
    void aDebianFfmpegH264ClipDecodesToFfmpegsOwnPixels() throws Exception {
        Path mp4 = DebianFfmpeg.h264TestPattern(tmp.resolve("debian-ffmpeg.mp4"), W, H, FRAMES);
        List<VideoFrame> frames = VideoFileSourceTest.readAll(mp4);
        assertThat(frames).hasSize(FRAMES);
        Path raw = tmp.resolve("frames.rgb");
        DebianFfmpeg.run("-i", mp4.toString(), "-f", "rawvideo", "-pix_fmt", "rgb24", raw.toString());
        byte[] reference = Files.readAllBytes(raw);
        assertThat(reference).hasSize(FRAMES * W * H * 3);
        for (int f = 0; f < FRAMES; f++) {
            RgbImage image = frames.get(f).image();
            assertThat(image.width()).isEqualTo(W);
            assertThat(image.height()).isEqualTo(H);
            double diff = 0;
            for (int i = 0; i < W * H * 3; i++) {
                diff += Math.abs((image.rgb()[i] & 255) - (reference[f * W * H * 3 + i] & 255));
            }
            // Both convert the same decoded YUV; only the YUV→RGB rounding and chroma filter may differ.
            assertThat(diff / (W * H * 3)).as("frame %d: mean abs difference to ffmpeg's RGB", f).isLessThan(3.0);
        }
    }
}
