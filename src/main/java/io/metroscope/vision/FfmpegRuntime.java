package io.metroscope.vision;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the bundled FFmpeg natives (JavaCPP presets, Linux x86_64; JavaCPP extracts them from the jar into its
 * cache, no network) once, and silences FFmpeg's console logging (failures surface as exceptions). Only libavutil, libavcodec,
 * libavformat and libswscale are loaded: libavdevice (cameras through FFmpeg) would need the system's
 * {@code libpulse.so.0}.
 */
public final class FfmpegRuntime {

    private static volatile String version;

    private FfmpegRuntime() {
    }

    /** Loads the natives if needed and returns FFmpeg's version string. */
    public static synchronized String load() {
        if (version == null) {
            try {
                Loader.load(avutil.class);
                Loader.load(swscale.class);
                Loader.load(avcodec.class);
                Loader.load(avformat.class);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                throw new IllegalStateException("FFmpeg's native libraries could not be loaded (" + e.getMessage()
                        + "); video files need the Linux x86_64 build of Metroscope", e);
            }
            // Failures surface as exceptions naming the file; FFmpeg's own console lines would only be noise.
            avutil.av_log_set_level(avutil.AV_LOG_FATAL);
            version = avutil.av_version_info().getString();
        }
        return version;
    }

    /** FFmpeg's text for an error code. */
    static String errorText(int code) {
        try (BytePointer buf = new BytePointer(256)) {
            buf.fill(0);
            avutil.av_strerror(code, buf, 255);
            byte[] bytes = new byte[256];
            buf.get(bytes);
            int n = 0;
            while (n < bytes.length && bytes[n] != 0) {
                n++;
            }
            return new String(bytes, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + code + ")";
        }
    }
}
