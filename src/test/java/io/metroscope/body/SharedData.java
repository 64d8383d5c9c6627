package io.metroscope.body;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/** The shared parity fixtures and METRO data ({@code ../shared}); tests skip when they are absent. */
final class SharedData {
    private SharedData() {
    }

    static Path require(String relative) {
        Path file = Path.of(System.getProperty("user.dir")).resolve("../shared").normalize().resolve(relative);
        assumeTrue(Files.exists(file), "shared data not available: " + file);
        return file;
    }

    /** Decompresses {@code relative} (a {@code .gz}) into {@code folder}. */
    static Path gunzip(String relative, Path folder) throws IOException {
        Path gz = require(relative);
        String name = gz.getFileName().toString();
        Path out = folder.resolve(name.substring(0, name.length() - 3));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
