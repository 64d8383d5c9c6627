package io.metroscope.vision;

import io.metroscope.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.opencv.core.MatOfInt;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

/**
 * A V4L2 camera ({@code /dev/videoN}) through OpenCV's {@link VideoCapture}. Live: frames keep coming whether or
 * not they are read; the driver's queue is shrunk to one buffer so a slow reader gets recent frames, not old ones.
 *
 * <p>A camera that disappears mid-stream ends {@link #next()} with a {@link CameraDisconnectedException} (after at
 * most {@link Settings#readTimeoutMillis()} per attempt and {@value #MAX_FAILED_READS} failed reads), never a
 * silent hang.
 */
public final class WebcamSource extends OpenCvCaptureSource {

    /** Consecutive failed reads after which the camera counts as gone. */
    public static final int MAX_FAILED_READS = 3;

    private static final Pattern VIDEO_DEVICE = Pattern.compile("/dev/video(\\d+)");

    /**
     * What to ask the camera for; 0 leaves the driver's default. The driver may pick the nearest mode it supports:
     * read {@link #width()}, {@link #height()} and {@link #fps()} after {@link #open()}.
     *
     * @param device the N of {@code /dev/videoN}
     * @param width requested frame width
     * @param height requested frame height
     * @param fps requested frame rate
     * @param mjpeg ask for MJPEG from the camera (USB cameras give larger sizes and higher rates that way)
     * @param readTimeoutMillis how long one read may wait for a frame
     */
    public record Settings(int device, int width, int height, double fps, boolean mjpeg, int readTimeoutMillis) {

        public Settings {
            if (device < 0 || width < 0 || height < 0 || fps < 0 || readTimeoutMillis <= 0) {
                throw new IllegalArgumentException("invalid camera settings: device " + device + ", " + width + "x"
                        + height + " @ " + fps + " fps, timeout " + readTimeoutMillis + " ms");
            }
        }

        /** Device N at its default mode. */
        public static Settings device(int device) {
            return new Settings(device, 0, 0, 0, false, 2000);
        }

        public Settings withResolution(int w, int h) {
            return new Settings(device, w, h, fps, mjpeg, readTimeoutMillis);
        }

        public Settings withFps(double rate) {
            return new Settings(device, width, height, rate, mjpeg, readTimeoutMillis);
        }

        public Settings withMjpeg(boolean on) {
            return new Settings(device, width, height, fps, on, readTimeoutMillis);
        }

        public Settings withReadTimeoutMillis(int millis) {
            return new Settings(device, width, height, fps, mjpeg, millis);
        }

        /** {@code /dev/videoN}. */
        public Path path() {
            return Path.of("/dev/video" + device);
        }
    }

    /** A frame size to ask a camera for; 0×0 leaves the driver's default. */
    public record Resolution(int width, int height) {

        /** The driver's default mode. */
        public static final Resolution DEFAULT = new Resolution(0, 0);

        /** What the picker offers: the default, then VGA, 720p and 1080p. */
        public static final List<Resolution> COMMON = List.of(DEFAULT, new Resolution(640, 480),
                new Resolution(1280, 720), new Resolution(1920, 1080));

        public Resolution {
            if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
                throw new IllegalArgumentException("invalid resolution " + width + "×" + height);
            }
        }

        @Override
        public String toString() {
            return width == 0 ? "Camera default" : width + "×" + height;
        }
    }

    private final Settings settings;
    private double fps;
    private long index;
    private long openedNanos;

    public WebcamSource(Settings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    public WebcamSource(int device) {
        this(Settings.device(device));
    }

    public Settings settings() {
        return settings;
    }

    /** The {@code /dev/videoN} devices present, sorted by N (capture and metadata nodes alike). */
    public static List<Integer> listDevices() {
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> devs = Files.list(Path.of("/dev"))) {
            devs.forEach(p -> {
                Matcher m = VIDEO_DEVICE.matcher(p.toString());
                if (m.matches()) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    /** The N of a {@code /dev/videoN} path, or -1. */
    public static int deviceNumber(String path) {
        Matcher m = VIDEO_DEVICE.matcher(path);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Override
    public String describe() {
        return settings.path().toString();
    }

    @Override
    public synchronized void open() throws IOException {
        if (alreadyOpen()) {
            return;
        }
        Path dev = settings.path();
        if (!Files.exists(dev)) {
            List<Integer> present = listDevices();
            throw new FormatException(dev, "no camera there", present.isEmpty()
                    ? "connect a camera (no /dev/video* device exists; in a container, pass the device through)"
                    : "choose one of the cameras present: " + present.stream().map(n -> "/dev/video" + n).toList());
        }
        OpenCvRuntime.load();
        allocateBuffers();
        MatOfInt params = new MatOfInt(Videoio.CAP_PROP_OPEN_TIMEOUT_MSEC, settings.readTimeoutMillis(),
                Videoio.CAP_PROP_READ_TIMEOUT_MSEC, settings.readTimeoutMillis());
        VideoCapture cap = new VideoCapture();
        boolean opened = cap.open(settings.device(), Videoio.CAP_V4L2, params) || cap.open(settings.device(),
                Videoio.CAP_V4L2);
        if (!opened || !cap.isOpened()) {
            cap.release();
            throw new FormatException(dev, "the camera cannot be opened (busy, no permission, or not a capture node)",
                    Files.isReadable(dev) ? "close other programs using it, or try the next /dev/video number"
                            : "add your user to the 'video' group (then log in again)");
        }
        if (settings.mjpeg()) {
            cap.set(Videoio.CAP_PROP_FOURCC, VideoWriter.fourcc('M', 'J', 'P', 'G'));
        }
        if (settings.width() > 0 && settings.height() > 0) {
            cap.set(Videoio.CAP_PROP_FRAME_WIDTH, settings.width());
            cap.set(Videoio.CAP_PROP_FRAME_HEIGHT, settings.height());
        }
        if (settings.fps() > 0) {
            cap.set(Videoio.CAP_PROP_FPS, settings.fps());
        }
        cap.set(Videoio.CAP_PROP_BUFFERSIZE, 1);
        openedNanos = System.nanoTime();
        capture = cap;
        // The real size is what the first frame has (drivers round requests to supported modes).
        RgbImage image = readFrame();
        if (image == null) {
            capture = null;
            cap.release();
            throw new FormatException(dev, "the camera opened but delivers no frames",
                    "check that no other program uses it, or choose another /dev/video number (some are metadata nodes)");
        }
        keepFirstFrame(image);
        double reported = cap.get(Videoio.CAP_PROP_FPS);
        fps = reported > 0 && reported < 1000 ? reported : 0;
    }

    private RgbImage readFrame() throws IOException {
        int failures = 0;
        while (failures < MAX_FAILED_READS) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("interrupted while reading " + describe());
            }
            if (capture.read(bgr) && !bgr.empty()) {
                return OpenCvFrames.toRgb(bgr, rgb);
            }
            failures++;
            if (!Files.exists(settings.path())) {
                break;
            }
        }
        return null;
    }

    @Override
    public synchronized Optional<VideoFrame> next() throws IOException {
        requireOpen();
        RgbImage image = first != null ? takeFirstFrame() : readFrame();
        if (image == null) {
            throw new CameraDisconnectedException(describe(), Files.exists(settings.path())
                    ? "the camera stopped delivering frames after " + index + " frames"
                    : "the camera disappeared after " + index + " frames (unplugged?)");
        }
        long ts = (System.nanoTime() - openedNanos) / 1000;
        return Optional.of(new VideoFrame(index++, ts, image));
    }

    @Override
    public synchronized OptionalDouble fps() {
        requireOpen();
        return fps > 0 ? OptionalDouble.of(fps) : OptionalDouble.empty();
    }
}
