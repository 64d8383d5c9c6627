package io.metroscope.vision;

import io.metroscope.format.FormatException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

/**
 * A recorded camera: an MJPEG {@code .avi} read through OpenCV's {@link VideoCapture} (the camera's code path) and
 * played back live, i.e. paced by the wall clock from the first {@link #next()}: a reader that falls behind gets
 * the frame that is due now and the frames in between are skipped, as with a real camera. Optionally "unplugged"
 * after a number of frames ({@link CameraDisconnectedException}), for testing how callers handle a lost camera.
 *
 * <p>OpenCV here has no FFmpeg: only MJPEG {@code .avi} opens (record one with {@code ffmpeg -i in.mp4 -c:v mjpeg
 * -q:v 3 out.avi}). Other videos play through {@link VideoFileSource}.
 */
public final class RecordedWebcamSource extends OpenCvCaptureSource {

    private final Path file;
    private final double fpsOverride;
    private final long disconnectAfter;
    private double fps;
    private long frames;
    private long nextIndex;
    private long delivered;
    private long startNanos = -1;

    /** Plays {@code file} at its own frame rate, to the end. */
    public RecordedWebcamSource(Path file) {
        this(file, 0, -1);
    }

    /**
     * @param file MJPEG {@code .avi}
     * @param fps playback rate, or 0 for the file's own (30 when it states none)
     * @param disconnectAfter deliver this many frames, then fail like an unplugged camera; negative: never
     */
    public RecordedWebcamSource(Path file, double fps, long disconnectAfter) {
        this.file = Objects.requireNonNull(file, "file");
        if (fps < 0 || !Double.isFinite(fps)) {
            throw new IllegalArgumentException("fps must be 0 (the file's) or positive: " + fps);
        }
        this.fpsOverride = fps;
        this.disconnectAfter = disconnectAfter;
    }

    @Override
    public String describe() {
        return "recorded camera " + file;
    }

    @Override
    public synchronized void open() throws IOException {
        if (alreadyOpen()) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new FormatException(file, "no such file", "check the path");
        }
        OpenCvRuntime.load();
        VideoCapture cap = new VideoCapture();
        String fix = "record the camera as MJPEG .avi (e.g. ffmpeg -i in.mp4 -c:v mjpeg -q:v 3 out.avi), or play "
                + "other videos as a video file";
        if (!cap.open(file.toString(), Videoio.CAP_OPENCV_MJPEG) || !cap.isOpened()) {
            cap.release();
            throw new FormatException(file, "not an MJPEG .avi that OpenCV can read", fix);
        }
        allocateBuffers();
        capture = cap;
        if (!cap.read(bgr) || bgr.empty()) {
            close();
            throw new FormatException(file, "the recording holds no readable frames", fix);
        }
        keepFirstFrame(OpenCvFrames.toRgb(bgr, rgb));
        double stated = cap.get(Videoio.CAP_PROP_FPS);
        fps = fpsOverride > 0 ? fpsOverride : stated > 0 && stated < 1000 ? stated : 30;
        double count = cap.get(Videoio.CAP_PROP_FRAME_COUNT);
        frames = count > 0 ? (long) count : -1;
    }

    @Override
    public synchronized Optional<VideoFrame> next() throws IOException {
        requireOpen();
        if (disconnectAfter >= 0 && delivered >= disconnectAfter) {
            throw new CameraDisconnectedException(describe(), "the camera disappeared after " + delivered
                    + " frames (simulated unplug)");
        }
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        long due = (long) Math.floor((now - startNanos) / 1e9 * fps);
        if (due < nextIndex) {
            sleepUntil(startNanos + (long) Math.ceil(nextIndex / fps * 1e9));
            due = nextIndex;
        }
        // Skip what a live camera would have shown while nobody was reading.
        RgbImage image = null;
        while (nextIndex <= due) {
            if (first != null && nextIndex == 0) {
                RgbImage kept = takeFirstFrame();
                image = nextIndex == due ? kept : null;
            } else if (nextIndex < due) {
                if (!capture.grab()) {
                    return Optional.empty();
                }
            } else {
                if (!capture.read(bgr) || bgr.empty()) {
                    return Optional.empty();
                }
                image = OpenCvFrames.toRgb(bgr, rgb);
            }
            nextIndex++;
        }
        delivered++;
        long index = nextIndex - 1;
        return Optional.of(new VideoFrame(index, (long) (index / fps * 1e6), image));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedIOException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the next frame");
            }
        }
    }

    @Override
    public synchronized OptionalDouble fps() {
        requireOpen();
        return OptionalDouble.of(fps);
    }

    @Override
    public synchronized OptionalLong frameCount() {
        requireOpen();
        return frames > 0 ? OptionalLong.of(frames) : OptionalLong.empty();
    }
}
