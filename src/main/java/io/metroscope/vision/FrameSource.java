package io.metroscope.vision;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A stream of RGB frames: a video file, a camera, a recorded camera or an image sequence.
 *
 * <p>Life cycle: {@link #open()} (idempotent; throws a {@link io.metroscope.format.FormatException} or another
 * {@link IOException} naming the source and the fix when it cannot be opened), then {@link #next()} until it
 * returns empty (end of stream), then {@link #close()}. {@link #width()}, {@link #height()} and {@link #fps()} are
 * known once open. A source is used by one thread at a time (the live pipeline's grabber thread); {@link #close()}
 * must not be called while another thread is inside {@link #next()}.
 */
public interface FrameSource extends AutoCloseable {

    /** A short human-readable name: the file path or {@code /dev/video0}. */
    String describe();

    /** Opens the source; does nothing when already open. */
    void open() throws IOException;

    /**
     * The next frame, blocking until it is decoded or captured; empty at the end of the stream. Throws an
     * {@link IOException} naming the source when it fails mid-stream (a corrupt file, a camera unplugged).
     */
    Optional<VideoFrame> next() throws IOException;

    /** Frame width in pixels (after {@link #open()}). */
    int width();

    /** Frame height in pixels (after {@link #open()}). */
    int height();

    /** Nominal frames per second, when the container or camera states one. */
    OptionalDouble fps();

    /** Number of frames, when the container states it (an estimate for some formats); empty for live sources. */
    default OptionalLong frameCount() {
        return OptionalLong.empty();
    }

    /**
     * True for sources that produce frames in real time whether or not anyone reads them (cameras): a slow
     * reader misses frames. False for files, which wait for the reader.
     */
    boolean isLive();

    /** Releases the decoder or device; idempotent. Does not throw. */
    @Override
    void close();
}
