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

/** Webcam errors, the recorded webcam (OpenCV's capture path on an MJPEG .avi), image sequences, source naming. */
class CameraSourcesTest {

    @TempDir
    Path tmp;

    @Test
    void missingCameraNamesTheDeviceAndTheFix() {
        int absent = 63;
        while (Files.exists(Path.of("/dev/video" + absent))) {
            absent--;
        }
        WebcamSource cam = new WebcamSource(WebcamSource.Settings.device(absent).withResolution(640, 480));
        assertThatThrownBy(cam::open).isInstanceOf(FormatException.class)
                .hasMessageContaining("/dev/video" + absent).hasMessageContaining("no camera")
                .satisfies(e -> assertThat(((FormatException) e).fix()).isNotBlank());
        cam.close();
    }

    @Test
    void recordedWebcamPlaysThroughOpenCvWithTheRightPixels() throws Exception {
        Path avi = TestVideos.mjpegAvi(tmp.resolve("cam.avi"), 160, 120, 10, 100);
        List<VideoFrame> frames = new ArrayList<>();
        try (RecordedWebcamSource cam = new RecordedWebcamSource(avi)) {
            cam.open();
            assertThat(cam.isLive()).isTrue();
            assertThat(cam.width()).isEqualTo(160);
            assertThat(cam.height()).isEqualTo(120);
            assertThat(cam.fps().orElseThrow()).isEqualTo(100.0);
            Optional<VideoFrame> f;
            while ((f = cam.next()).isPresent()) {
                frames.add(f.get());
            }
        }
        // Read without delay at 100 fps: most frames arrive; indices increase; pixels match the drawn frame.
        assertThat(frames).isNotEmpty();
        for (VideoFrame f : frames) {
            int i = (int) f.index();
            RgbImage img = f.image();
            int cx = TestVideos.squareX(i) + TestVideos.SQUARE / 2;
            assertThat(img.get(cx, 28, 0)).as("red at frame %d", i).isGreaterThan(180);
            assertThat(img.get(cx, 28, 1)).isLessThan(70);
        }
    }

    @Test
    void slowReaderOfARecordedWebcamSkipsFramesLikeALiveCamera() throws Exception {
        Path avi = TestVideos.mjpegAvi(tmp.resolve("slow.avi"), 96, 64, 20, 50);
        List<Long> indices = new ArrayList<>();
        try (RecordedWebcamSource cam = new RecordedWebcamSource(avi)) {
            cam.open();
            Optional<VideoFrame> f;
            while ((f = cam.next()).isPresent()) {
                indices.add(f.get().index());
                Thread.sleep(60); // three frame periods
            }
        }
        assertThat(indices.size()).isLessThan(12);
        assertThat(indices).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void recordedWebcamCanBeUnplugged() throws Exception {
        Path avi = TestVideos.mjpegAvi(tmp.resolve("unplug.avi"), 96, 64, 10, 200);
        try (RecordedWebcamSource cam = new RecordedWebcamSource(avi, 0, 3)) {
            cam.open();
            for (int i = 0; i < 3; i++) {
                assertThat(cam.next()).isPresent();
            }
            assertThatThrownBy(cam::next).isInstanceOf(CameraDisconnectedException.class)
                    .hasMessageContaining("disappeared").hasMessageContaining("Fix:");
        }
    }

    @Test
    void recordedWebcamRefusesNonMjpeg() throws Exception {
        Path mp4 = TestVideos.h264Mp4(tmp.resolve("h264.mp4"), 96, 64, 5, 25);
        assertThatThrownBy(() -> new RecordedWebcamSource(mp4).open()).isInstanceOf(FormatException.class)
                .hasMessageContaining("MJPEG");
    }

    @Test
    void imageFolderPlaysInNameOrder() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("frames"));
        for (int i = 0; i < 3; i++) {
            byte[] rgb = TestVideos.frame(64, 48, i).rgb();
            int[] samples = new int[rgb.length];
            for (int k = 0; k < rgb.length; k++) {
                samples[k] = rgb[k] & 0xFF;
            }
            Files.write(dir.resolve(String.format("f%02d.png", i)), TestPngs.png(64, 48, 2, 8, samples, null, null));
        }
        try (FrameSource s = FrameSources.forName(dir.toString())) {
            assertThat(s).isInstanceOf(ImageSequenceSource.class);
            s.open();
            assertThat(s.width()).isEqualTo(64);
            for (int i = 0; i < 3; i++) {
                VideoFrame f = s.next().orElseThrow();
                assertThat(f.index()).isEqualTo(i);
                assertThat(f.image().samePixels(TestVideos.frame(64, 48, i))).isTrue();
            }
            assertThat(s.next()).isEmpty();
        }
    }

    @Test
    void namesPickTheSource() throws Exception {
        assertThat(FrameSources.forName("/dev/video3")).isInstanceOf(WebcamSource.class);
        assertThat(FrameSources.forName("camera:1")).isInstanceOf(WebcamSource.class);
        assertThat(FrameSources.forName(tmp.resolve("x.mp4").toString())).isInstanceOf(VideoFileSource.class);
        assertThatThrownBy(() -> FrameSources.forName("camera:front")).isInstanceOf(FormatException.class);
    }
}
