package io.metroscope.vision;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.metroscope.format.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A video file decoded by FFmpeg (JavaCPP's FFmpeg 7.1 binding): H.264/H.265/VP8/VP9/AV1/MPEG-4 in {@code .mp4},
 * {@code .mkv}, {@code .mov}, {@code .webm}, MJPEG {@code .avi} and whatever else FFmpeg's demuxers and decoders
 * read. The best video stream is decoded (multi-threaded), converted to RGB at its own size by swscale; audio is
 * skipped. Not live: {@link #next()} decodes on demand.
 */
public final class VideoFileSource implements FrameSource {

    static final String FIX_NOT_VIDEO = "choose a video FFmpeg can read (.mp4, .mkv, .mov, .webm, .avi); "
            + "the file may be damaged or incomplete";

    private final Path file;
    private AVFormatContext format;
    private AVCodecContext codec;
    private AVPacket packet;
    private AVFrame frame;
    private SwsContext sws;
    private BytePointer rgbBuffer;
    private int stream = -1;
    private double timeBase;
    private long startPts;
    private int width;
    private int height;
    private double fps;
    private long frameCount;
    private long index;
    private boolean flushing;
    private boolean packetPending;
    private boolean ended;
    private boolean closed;

    public VideoFileSource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public synchronized void open() throws FormatException {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        if (format != null) {
            return;
        }
        if (!Files.exists(file)) {
            throw new FormatException(file, "no such file", "check the path");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new FormatException(file, "not a readable file", "choose a video file you have permission to read");
        }
        FfmpegRuntime.load();
        try {
            openStreams();
        } catch (FormatException | RuntimeException e) {
            freeAll();
            throw e;
        }
    }

    private void openStreams() throws FormatException {
        AVFormatContext fmt = new AVFormatContext(null);
        int ret = avformat_open_input(fmt, file.toAbsolutePath().toString(), null, null);
        if (ret < 0) {
            throw new FormatException(file, "cannot open it as a video (" + FfmpegRuntime.errorText(ret) + ")",
                    FIX_NOT_VIDEO);
        }
        format = fmt;
        ret = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
        if (ret < 0) {
            throw new FormatException(file, "cannot read its streams (" + FfmpegRuntime.errorText(ret) + ")",
                    FIX_NOT_VIDEO);
        }
        stream = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (stream < 0) {
            throw new FormatException(file, "it holds no video stream", FIX_NOT_VIDEO);
        }
        AVStream st = fmt.streams(stream);
        AVCodec decoder = avcodec_find_decoder(st.codecpar().codec_id());
        if (decoder == null || decoder.isNull()) {
            throw new FormatException(file, "its video codec (id " + st.codecpar().codec_id()
                    + ") has no decoder in this FFmpeg build", "convert it to H.264 MP4 (e.g. ffmpeg -i in -c:v libx264 out.mp4)");
        }
        codec = avcodec_alloc_context3(decoder);
        avcodec_parameters_to_context(codec, st.codecpar());
        codec.thread_count(0);
        ret = avcodec_open2(codec, decoder, (AVDictionary) null);
        if (ret < 0) {
            throw new FormatException(file, "cannot start the " + decoder.name().getString() + " decoder ("
                    + FfmpegRuntime.errorText(ret) + ")", FIX_NOT_VIDEO);
        }
        width = codec.width();
        height = codec.height();
        if (width <= 0 || height <= 0) {
            throw new FormatException(file, "its video stream has no frame size", FIX_NOT_VIDEO);
        }
        AVRational tb = st.time_base();
        timeBase = tb.den() == 0 ? 0 : (double) tb.num() / tb.den();
        startPts = st.start_time() == AV_NOPTS_VALUE ? 0 : st.start_time();
        AVRational rate = st.r_frame_rate();
        if (rate.den() == 0 || rate.num() <= 0) {
            rate = st.avg_frame_rate();
        }
        fps = rate.den() == 0 ? 0 : (double) rate.num() / rate.den();
        frameCount = st.nb_frames();
        packet = av_packet_alloc();
        frame = av_frame_alloc();
        rgbBuffer = new BytePointer((long) width * height * 3);
    }

    @Override
    public synchronized Optional<VideoFrame> next() throws FormatException {
        if (format == null) {
            throw new IllegalStateException(closed ? file + " is closed" : "open() " + file + " first");
        }
        while (!ended) {
            int ret = avcodec_receive_frame(codec, frame);
            if (ret == 0) {
                try {
                    return Optional.of(convert());
                } finally {
                    av_frame_unref(frame);
                }
            }
            if (ret == AVERROR_EOF) {
                ended = true;
                break;
            }
            if (ret != AVERROR_EAGAIN()) {
                throw decodeError(ret);
            }
            if (flushing) {
                ended = true;
                break;
            }
            if (!packetPending) {
                ret = av_read_frame(format, packet);
                if (ret < 0) {
                    // End of file (or of a truncated one): drain the decoder.
                    flushing = true;
                    avcodec_send_packet(codec, null);
                    continue;
                }
                if (packet.stream_index() != stream) {
                    av_packet_unref(packet);
                    continue;
                }
            }
            ret = avcodec_send_packet(codec, packet);
            if (ret == AVERROR_EAGAIN()) {
                packetPending = true; // the decoder wants its output read first; send this packet again after
                continue;
            }
            packetPending = false;
            av_packet_unref(packet);
            if (ret < 0 && ret != AVERROR_EOF) {
                throw decodeError(ret);
            }
        }
        return Optional.empty();
    }

    private FormatException decodeError(int ret) {
        return new FormatException(file, "decoding failed after " + index + " frames ("
                + FfmpegRuntime.errorText(ret) + ")", FIX_NOT_VIDEO);
    }

    private VideoFrame convert() {
        int w = frame.width();
        int h = frame.height();
        if (w != width || h != height) {
            // Mid-stream size change: follow it.
            width = w;
            height = h;
            rgbBuffer.close();
            rgbBuffer = new BytePointer((long) w * h * 3);
        }
        sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, AV_PIX_FMT_RGB24, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new IllegalStateException(file + ": cannot convert pixel format " + frame.format() + " to RGB");
        }
        try (PointerPointer<BytePointer> dst = new PointerPointer<BytePointer>(1).put(0, rgbBuffer);
                IntPointer dstStride = new IntPointer(1).put(w * 3)) {
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, dst, dstStride);
        }
        byte[] rgb = new byte[w * h * 3];
        rgbBuffer.position(0).get(rgb);
        long pts = frame.best_effort_timestamp();
        long micros;
        if (pts == AV_NOPTS_VALUE || timeBase == 0) {
            micros = fps > 0 ? (long) (index / fps * 1e6) : 0;
        } else {
            micros = Math.max(0, Math.round((pts - startPts) * timeBase * 1e6));
        }
        return new VideoFrame(index++, micros, new RgbImage(w, h, rgb));
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
    public synchronized OptionalDouble fps() {
        requireOpen();
        return fps > 0 && Double.isFinite(fps) && fps < 1000 ? OptionalDouble.of(fps) : OptionalDouble.empty();
    }

    @Override
    public synchronized OptionalLong frameCount() {
        requireOpen();
        return frameCount > 0 ? OptionalLong.of(frameCount) : OptionalLong.empty();
    }

    @Override
    public boolean isLive() {
        return false;
    }

    private void requireOpen() {
        if (format == null) {
            throw new IllegalStateException("open() " + file + " first");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        freeAll();
    }

    private void freeAll() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        if (rgbBuffer != null) {
            rgbBuffer.close();
            rgbBuffer = null;
        }
    }

    @Override
    public String toString() {
        return "VideoFileSource[" + file + "]";
    }
}
