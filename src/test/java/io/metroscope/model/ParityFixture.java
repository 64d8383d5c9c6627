package io.metroscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One case of the shared parity fixtures, decompressed into a temporary folder (never into the repository). */
final class ParityFixture {

    final String name;
    final Path checkpoint;
    final Map<String, NdArray> expected;
    final JsonNode caseJson;

    private ParityFixture(String name, Path checkpoint, Map<String, NdArray> expected, JsonNode caseJson) {
        this.name = name;
        this.checkpoint = checkpoint;
        this.expected = expected;
        this.caseJson = caseJson;
    }

    static Path shared() {
        return Path.of(System.getProperty("user.dir")).resolve("../shared").normalize();
    }

    /** Skips the calling test when the case is not on this machine. */
    static Path caseDir(String name) {
        Path dir = shared().resolve("fixtures/parity").resolve(name);
        assumeTrue(Files.isRegularFile(dir.resolve("case.json")), "parity fixture " + dir + " not available");
        return dir;
    }

    static ParityFixture open(String name, String checkpointName, Path temp) throws Exception {
        Path dir = caseDir(name);
        Path checkpoint = gunzip(dir.resolve(checkpointName + ".gz"), temp.resolve(checkpointName));
        Path npz = gunzip(dir.resolve("expected.npz.gz"), temp.resolve(name + "-expected.npz"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("case.json").toFile());
        return new ParityFixture(name, checkpoint, Npz.read(npz), json);
    }

    private static Path gunzip(Path source, Path target) throws IOException {
        assumeTrue(Files.isRegularFile(source), "fixture file " + source + " not available");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(source));
                OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
        return target;
    }

    float[] floats(String array) {
        return expected.get(array).toFloatArray();
    }

    int batch() {
        return expected.get("input").dim(0);
    }

    double tolerance(String array, boolean fromBackbone) {
        JsonNode t = caseJson.get("tolerances");
        return (fromBackbone ? t.get("from_backbone_out") : t).get(array).asDouble();
    }
}
