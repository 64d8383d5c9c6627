package io.metroscope.vision;

import nu.pattern.OpenCV;
import org.opencv.core.Core;

/** Loads OpenCV's bundled natives once, on first use. */
public final class OpenCvRuntime {

    private static volatile String version;

    private OpenCvRuntime() {
    }

    /** Loads the natives if needed and returns OpenCV's version string. */
    public static synchronized String load() {
        if (version == null) {
            OpenCV.loadLocally();
            version = Core.VERSION;
        }
        return version;
    }
}
