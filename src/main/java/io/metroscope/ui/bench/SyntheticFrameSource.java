package io.metroscope.ui.bench;

import io.metroscope.bench.SyntheticBody;
import io.metroscope.vision.FrameSource;
import io.metroscope.vision.VideoFrame;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A camera stand-in: {@code count} generated frames delivered in real time at {@code fps}, then the end. */
public final class SyntheticFrameSource implements FrameSource {

    private final int width;
    private final int height;
    private final double fps;
    private final long count;
    private long next;
    private long startNanos;

    public SyntheticFrameSource(int width, int height, double fps, long count) {
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.count = count;
    }

    @Override
    public String describe() {
        return "synthetic camera " + width + "×" + height + " at " + fps + " fps";
    }

    @Override
    public void open() {
        if (startNanos == 0) {
            startNanos = System.nanoTime();
        }
    }

    @Override
    public Optional<VideoFrame> next() {
        if (next >= count) {
            return Optional.empty();
        }
        long due = startNanos + (long) (next * 1e9 / fps);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        long k = next++;
        return Optional.of(new VideoFrame(k, (long) (k * 1e6 / fps), SyntheticBody.frame(width, height, k)));
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public OptionalDouble fps() {
        return OptionalDouble.of(fps);
    }

    @Override
    public OptionalLong frameCount() {
        return OptionalLong.of(count);
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public void close() {
        // nothing held
    }
}
