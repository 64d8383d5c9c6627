package io.metroscope.vision;

import io.metroscope.format.FormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Image files played as a video, in the given order (a folder: its {@link ImageFiles images} sorted by name).
 * Frames may differ in size; {@link #width()}/{@link #height()} are the first image's. Timestamps follow
 * {@code fps} (25 when not given).
 */
public final class ImageSequenceSource implements FrameSource {

    private static final double DEFAULT_FPS = 25;

    private final String name;
    private final List<Path> images;
    private final double fps;
    private final DecodeOptions decodeOptions;
    private RgbImage first;
    private int index;
    private boolean open;
    private int width;
    private int height;

    public ImageSequenceSource(String name, List<Path> images, double fps, DecodeOptions decodeOptions) {
        this.name = Objects.requireNonNull(name, "name");
        this.images = List.copyOf(images);
        this.fps = fps > 0 ? fps : DEFAULT_FPS;
        this.decodeOptions = Objects.requireNonNull(decodeOptions, "decodeOptions");
    }

    /** The images of {@code folder}, sorted by file name. */
    public static ImageSequenceSource ofFolder(Path folder, double fps) throws FormatException {
        return new ImageSequenceSource(folder.toString(), ImageFiles.nonEmptyIn(folder, "choose a folder of frames"),
                fps, DecodeOptions.forUsers());
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public synchronized void open() throws FormatException {
        if (open) {
            return;
        }
        if (images.isEmpty()) {
            throw new FormatException(Path.of(name), "the sequence holds no images", "choose at least one image");
        }
        first = ImageDecoder.decode(images.get(0), decodeOptions);
        width = first.width();
        height = first.height();
        open = true;
    }

    @Override
    public synchronized Optional<VideoFrame> next() throws FormatException {
        if (!open) {
            throw new IllegalStateException("open() " + name + " first");
        }
        if (index >= images.size()) {
            return Optional.empty();
        }
        RgbImage image;
        if (index == 0 && first != null) {
            image = first;
        } else {
            image = ImageDecoder.decode(images.get(index), decodeOptions);
        }
        first = null;
        VideoFrame frame = new VideoFrame(index, (long) (index / fps * 1e6), image);
        index++;
        return Optional.of(frame);
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

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("open() " + name + " first");
        }
    }

    @Override
    public OptionalDouble fps() {
        return OptionalDouble.of(fps);
    }

    @Override
    public OptionalLong frameCount() {
        return OptionalLong.of(images.size());
    }

    @Override
    public boolean isLive() {
        return false;
    }

    @Override
    public synchronized void close() {
        open = false;
        first = null;
    }
}
