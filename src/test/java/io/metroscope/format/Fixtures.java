package io.metroscope.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Locates the committed fixtures (made by make_fixtures.py) and the optional shared data folder. */
final class Fixtures {
    private static JsonNode expected;

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    static synchronized JsonNode expected() {
        if (expected == null) {
            try {
                expected = new ObjectMapper().readTree(resource("expected.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    /** {@code ../shared} next to the project root; tests skip when it or the file is absent. */
    static Path shared(String relative) {
        return Path.of(System.getProperty("user.dir")).resolve("../shared").normalize().resolve(relative);
    }

    static Path gunzip(Path gz, Path folder) throws IOException {
        String name = gz.getFileName().toString();
        Path out = folder.resolve(name.substring(0, name.length() - 3));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }
}
