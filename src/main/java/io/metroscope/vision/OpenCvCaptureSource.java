package io.metroscope.vision;

import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;

/**
 * What the cameras read through OpenCV's {@link VideoCapture} share: the capture and its reusable frame buffers,
 * the frame read while opening (the real size is the first frame's), and the open/closed life cycle.
 */
abstract class OpenCvCaptureSource implements FrameSource {

    // Package-private so the two cameras' read loops use them directly; guarded by this object's monitor.
    VideoCapture capture;
    Mat bgr;
    Mat rgb;
    RgbImage first;
    private int width;
    private int height;
    private boolean closed;

    /** True when there is nothing left to open; throws once closed (a closed source never reopens). */
    final boolean alreadyOpen() {
        if (closed) {
            throw new IllegalStateException(describe() + " is closed");
        }
        return capture != null;
    }

    /** Fresh frame buffers for {@link #bgr} and {@link #rgb}; called before the first read. */
    final void allocateBuffers() {
        bgr = new Mat();
        rgb = new Mat();
    }

    /** Keeps the opened capture's first frame for the first {@link #next()} and takes the frame size from it. */
    final void keepFirstFrame(RgbImage image) {
        first = image;
        width = image.width();
        height = image.height();
    }

    /** Hands out the frame read while opening, once. */
    final RgbImage takeFirstFrame() {
        RgbImage image = first;
        first = null;
        return image;
    }

    final void requireOpen() {
        if (capture == null) {
            throw new IllegalStateException(closed ? describe() + " is closed" : "open() " + describe() + " first");
        }
    }

    @Override
    public synchronized int width() {
        requireOpen();
        return width;
    }

    @Override
    public synchronized int height() {
        requireOpen();
        return height;
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (capture != null) {
            capture.release();
            capture = null;
        }
        if (bgr != null) {
            bgr.release();
            rgb.release();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + describe() + "]";
    }
}
