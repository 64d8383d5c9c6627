package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Video files decode through FFmpeg: H.264 MP4 and MJPEG AVI written at test time. */
class VideoFileSourceTest {

    @TempDir
    Path tmp;

    @Test
    void h264Mp4DecodesEveryFrameWithTheMovingSquare() throws Exception {
        Path mp4 = TestVideos.h264Mp4(tmp.resolve("square.mp4"), 160, 120, 30, 25);
        assertThat(Files.size(mp4)).isGreaterThan(0).isLessThan(200_000);
        List<VideoFrame> frames = readAll(mp4);
        assertThat(frames).hasSize(30);
        checkSquare(frames, 160, 120, 25);
    }

    @Test
    void mjpegAviDecodesToo() throws Exception {
        Path avi = TestVideos.mjpegAvi(tmp.resolve("square.avi"), 160, 120, 12, 15);
        List<VideoFrame> frames = readAll(avi);
        assertThat(frames).hasSize(12);
        checkSquare(frames, 160, 120, 15);
    }

    @Test
    void sourceReportsSizeRateAndCount() throws Exception {
        Path mp4 = TestVideos.h264Mp4(tmp.resolve("info.mp4"), 96, 64, 10, 30);
        try (VideoFileSource s = new VideoFileSource(mp4)) {
            s.open();
            assertThat(s.width()).isEqualTo(96);
            assertThat(s.height()).isEqualTo(64);
            assertThat(s.fps()).hasValueCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(s.frameCount()).hasValue(10);
            assertThat(s.isLive()).isFalse();
        }
    }

    @Test
    void decodeSpeedIsReported() throws Exception {
        for (int[] size : new int[][] {{640, 480}, {1280, 720}}) {
            Path mp4 = TestVideos.h264Mp4(tmp.resolve("speed" + size[0] + ".mp4"), size[0], size[1], 120, 30);
            readAll(mp4); // warm-up
            long t0 = System.nanoTime();
            List<VideoFrame> frames = readAll(mp4);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(frames).hasSize(120);
            System.out.printf("H.264 %dx%d decode to RGB: %d frames in %.3f s = %.1f frames/s (%d bytes)%n", size[0],
                    size[1], frames.size(), seconds, frames.size() / seconds, Files.size(mp4));
        }
    }

    @Test
    void missingFileNamesTheFileAndTheFix() {
        Path missing = tmp.resolve("nope.mp4");
        assertThatThrownBy(() -> new VideoFileSource(missing).open())
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("nope.mp4").hasMessageContaining("no such file")
                .satisfies(e -> assertThat(((FormatException) e).file()).isEqualTo(missing));
    }

    @Test
    void garbageFileIsAFormatExceptionWithAFix() throws Exception {
        Path junk = tmp.resolve("junk.mp4");
        byte[] bytes = new byte[4096];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(junk, bytes);
        assertThatThrownBy(() -> new VideoFileSource(junk).open())
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("junk.mp4").hasMessageContaining("Invalid data found when processing input (")
                .satisfies(e -> assertThat(((FormatException) e).fix()).contains(".mp4"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000").matches("\\p{Print}+"));
    }

    @Test
    void truncatedFileFailsOrEndsCleanly() throws Exception {
        Path mp4 = TestVideos.h264Mp4(tmp.resolve("full.mp4"), 160, 120, 30, 25);
        byte[] all = Files.readAllBytes(mp4);
        Path cut = tmp.resolve("cut.mp4");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        // Half an MP4 (moov usually at the end) must not hang or crash: a FormatException, or fewer frames.
        try (VideoFileSource s = new VideoFileSource(cut)) {
            s.open();
            int n = 0;
            while (s.next().isPresent()) {
                n++;
            }
            assertThat(n).isLessThanOrEqualTo(30);
        } catch (FormatException e) {
            assertThat(e.getMessage()).contains("cut.mp4");
        }
    }

    static List<VideoFrame> readAll(Path file) throws Exception {
        List<VideoFrame> out = new ArrayList<>();
        try (FrameSource s = new VideoFileSource(file)) {
            s.open();
            Optional<VideoFrame> f;
            while ((f = s.next()).isPresent()) {
                out.add(f.get());
            }
        }
        return out;
    }

    /** Size, increasing index/timestamps, red square where it was drawn, grey background. */
    static void checkSquare(List<VideoFrame> frames, int w, int h, double fps) {
        for (int i = 0; i < frames.size(); i++) {
            VideoFrame f = frames.get(i);
            assertThat(f.index()).isEqualTo(i);
            assertThat(f.timestampMicros()).isCloseTo((long) (i * 1e6 / fps), org.assertj.core.data.Offset.offset(2000L));
            RgbImage img = f.image();
            assertThat(img.width()).isEqualTo(w);
            assertThat(img.height()).isEqualTo(h);
            int cx = TestVideos.squareX(i) + TestVideos.SQUARE / 2;
            int cy = 16 + TestVideos.SQUARE / 2;
            assertThat(img.get(cx, cy, 0)).as("red at frame %d", i).isGreaterThan(180);
            assertThat(img.get(cx, cy, 1)).as("green at frame %d", i).isLessThan(70);
            assertThat(img.get(w - 10, h - 10, 1)).as("background at frame %d", i)
                    .isBetween(TestVideos.BACKGROUND - 12, TestVideos.BACKGROUND + 12);
        }
    }
}
