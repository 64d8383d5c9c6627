package io.metroscope.app;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The versions of Metroscope and of the libraries it runs on, as shown by {@code --version} and About. */
public record VersionReport(String metroscope, String java, String javafx, String djl, String pytorch,
        String opencv, String device) {

    /** Build-time versions baked in by Maven resource filtering. */
    public static Properties buildVersions() {
        Properties p = new Properties();
        try (InputStream in = VersionReport.class.getResourceAsStream("/io/metroscope/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The Metroscope version alone, without loading any native library. */
    public static String metroscopeVersion() {
        return buildVersions().getProperty("metroscope", "unknown");
    }

    /** The JavaFX runtime version, read from JavaFX's own jar (works without starting the toolkit). */
    public static String javafxVersion() {
        try {
            return com.sun.javafx.runtime.VersionInfo.getRuntimeVersion();
        } catch (LinkageError e) {
            return buildVersions().getProperty("javafx", "unknown") + " (not loaded)";
        }
    }

    /** DJL's version, without loading the engine. */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    /** Label/value pairs in display order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Metroscope", metroscope);
        m.put("Java", java);
        m.put("JavaFX", javafx);
        m.put("DJL", djl);
        m.put("PyTorch", pytorch);
        m.put("OpenCV", opencv);
        m.put("Device", device);
        return m;
    }

    /** One "Label: value" line per entry. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, v) -> sb.append(String.format("%-11s %s%n", k + ":", v)));
        return sb.toString();
    }
}
