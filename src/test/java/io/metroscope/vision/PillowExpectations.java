package io.metroscope.vision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code pillow_expectations.txt} (written by {@code make_pillow_expectations.py} with Pillow 9.4). */
final class PillowExpectations {

    /** One line: key, size and payload (base64-decoded bytes, or the hex digest for {@code sha256.*} keys). */
    record Entry(String key, int width, int height, byte[] bytes, String hex) {
        RgbImage image() {
            return new RgbImage(width, height, bytes);
        }
    }

    private PillowExpectations() {
    }

    static Map<String, Entry> load() throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (InputStream in = PillowExpectations.class.getResourceAsStream("pillow_expectations.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                boolean digest = f[0].startsWith("sha256.");
                out.put(f[0], new Entry(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        digest ? null : Base64.getDecoder().decode(f[3]), digest ? f[3] : null));
            }
        }
        return out;
    }

    /** The script's {@code pattern(w, h)}: {@code (37x + 91y + 53c + 7xy) mod 256}. */
    static RgbImage pattern(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) ((x * 37 + y * 91 + c * 53 + x * y * 7) % 256);
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
