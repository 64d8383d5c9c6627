package io.metroscope.vision;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Synthetic videos written at test time with FFmpeg's encoders (OpenH264, MJPEG): a red square moving over grey. */
final class TestVideos {

    static final int SQUARE = 24;
    static final int STEP = 4;
    static final int BACKGROUND = 64;

    private TestVideos() {
    }

    /** Frame {@code i}: grey background, a red square whose top-left corner is (8 + 4i, 16). */
    static RgbImage frame(int width, int height, int i) {
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) BACKGROUND);
        int x0 = squareX(i);
        for (int y = 16; y < 16 + SQUARE; y++) {
            for (int x = x0; x < x0 + SQUARE && x < width; x++) {
                int o = (y * width + x) * 3;
                rgb[o] = (byte) 230;
                rgb[o + 1] = 20;
                rgb[o + 2] = 20;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    static int squareX(int i) {
        return 8 + STEP * i;
    }

    /** H.264 in MP4. */
    static Path h264Mp4(Path file, int width, int height, int frames, double fps) throws Exception {
        return write(file, "mp4", AV_CODEC_ID_H264, AV_PIX_FMT_YUV420P, width, height, frames, fps);
    }

    /** MJPEG in AVI (what OpenCV's built-in reader and webcams use). */
    static Path mjpegAvi(Path file, int width, int height, int frames, double fps) throws Exception {
        return write(file, "avi", AV_CODEC_ID_MJPEG, AV_PIX_FMT_YUVJ420P, width, height, frames, fps);
    }

    private static Path write(Path file, String format, int codecId, int pixFmt, int width, int height,
            int frames, double fps) throws Exception {
        FfmpegRuntime.load();
        String path = file.toAbsolutePath().toString();
        AVFormatContext oc = new AVFormatContext(null);
        check(avformat_alloc_output_context2(oc, null, format, path), "output context");
        AVCodec enc = avcodec_find_encoder(codecId);
        if (enc == null || enc.isNull()) {
            throw new IllegalStateException("no encoder for codec " + codecId);
        }
        AVStream st = avformat_new_stream(oc, null);
        AVCodecContext c = avcodec_alloc_context3(enc);
        int rate = (int) Math.round(fps);
        c.width(width);
        c.height(height);
        c.pix_fmt(pixFmt);
        c.time_base(av_make_q(1, rate));
        c.framerate(av_make_q(rate, 1));
        c.gop_size(10);
        c.max_b_frames(0);
        c.bit_rate(2_000_000);
        if (codecId == AV_CODEC_ID_MJPEG) {
            c.flags(c.flags() | AV_CODEC_FLAG_QSCALE);
            c.global_quality(FF_QP2LAMBDA * 3);
        }
        if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            c.flags(c.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary opts = new AVDictionary(null);
        if (codecId == AV_CODEC_ID_H264) {
            // OpenH264 skips frames to meet its bitrate unless told not to.
            av_dict_set(opts, "allow_skip_frames", "0", 0);
            av_dict_set(opts, "rc_mode", "off", 0);
        }
        check(avcodec_open2(c, enc, opts), "open encoder " + enc.name().getString());
        av_dict_free(opts);
        check(avcodec_parameters_from_context(st.codecpar(), c), "stream parameters");
        st.time_base(c.time_base());
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, path, AVIO_FLAG_WRITE), "open " + path);
        oc.pb(pb);
        check(avformat_write_header(oc, (AVDictionary) null), "header");
        AVFrame f = av_frame_alloc();
        f.format(pixFmt);
        f.width(width);
        f.height(height);
        check(av_frame_get_buffer(f, 0), "frame buffer");
        SwsContext sws = sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, pixFmt, SWS_BILINEAR, null,
                null, (DoublePointer) null);
        AVPacket pkt = av_packet_alloc();
        BytePointer rgb = new BytePointer((long) width * height * 3);
        for (int i = 0; i < frames; i++) {
            check(av_frame_make_writable(f), "writable");
            rgb.position(0).put(frame(width, height, i).rgb());
            try (PointerPointer<BytePointer> src = new PointerPointer<BytePointer>(1).put(0, rgb);
                    IntPointer stride = new IntPointer(1).put(width * 3)) {
                sws_scale(sws, src, stride, 0, height, f.data(), f.linesize());
            }
            f.pts(i);
            encode(oc, c, st, f, pkt);
        }
        encode(oc, c, st, null, pkt);
        check(av_write_trailer(oc), "trailer");
        avio_closep(oc.pb());
        av_packet_free(pkt);
        av_frame_free(f);
        sws_freeContext(sws);
        avcodec_free_context(c);
        avformat_free_context(oc);
        rgb.close();
        return file;
    }

    private static void encode(AVFormatContext oc, AVCodecContext c, AVStream st, AVFrame f, AVPacket pkt) {
        check(avcodec_send_frame(c, f), "send frame");
        while (avcodec_receive_packet(c, pkt) == 0) {
            if (pkt.duration() <= 0) {
                // OpenH264 leaves durations unset; without them the MP4 muxer's edit list ends before the last
                // frame, and demuxers then drop it.
                pkt.duration(1);
            }
            av_packet_rescale_ts(pkt, c.time_base(), st.time_base());
            pkt.stream_index(st.index());
            check(av_interleaved_write_frame(oc, pkt), "write packet");
        }
    }

    private static void check(int ret, String what) {
        if (ret < 0) {
            throw new IllegalStateException(what + " failed: " + ret);
        }
    }
}
