package io.metroscope.vision;

import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/** The shared parity fixtures ({@code ../shared/fixtures/parity}), read in place; skipped when absent. */
final class ParityFixtures {

    private ParityFixtures() {
    }

    static Path caseDir(String name) {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../shared/fixtures/parity").resolve(name)
                .normalize();
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("expected.npz.gz")),
                "parity fixtures not found at " + dir + " (needs the shared folder next to the project)");
        return dir;
    }

    /** The case's images in batch order (sorted file names). */
    static List<Path> images(Path caseDir) throws IOException {
        try (Stream<Path> files = Files.list(caseDir)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.(png|jpg)"))
                    .sorted().toList();
        }
    }

    /** expected.npz, gunzipped into {@code tempDir}. */
    static Map<String, NdArray> expected(Path caseDir, Path tempDir) throws IOException {
        Path npz = tempDir.resolve(caseDir.getFileName() + "-expected.npz");
        if (!Files.exists(npz)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(caseDir.resolve("expected.npz.gz")))) {
                Files.copy(in, npz);
            }
        }
        return Npz.read(npz);
    }

    static byte[] bytes(NdArray array) {
        ByteBuffer b = array.data().duplicate();
        b.rewind();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Image {@code i} of a B×H×W×3 uint8 array. */
    static RgbImage image(NdArray batch, int i) {
        int h = batch.dim(1);
        int w = batch.dim(2);
        byte[] all = bytes(batch);
        byte[] one = new byte[h * w * 3];
        System.arraycopy(all, i * one.length, one, 0, one.length);
        return new RgbImage(w, h, one);
    }
}
