package io.metroscope.recon;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The shared parity fixtures ({@code ../shared} from the project root), decompressed into a test's temporary
 * folder, never into the repository; tests that need them skip cleanly when they are absent.
 */
public final class FixtureFiles {

    private FixtureFiles() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("user.dir")).resolve("../shared").normalize();
    }

    /** {@code shared/fixtures/parity/NAME}, or skips the test. */
    public static Path caseDir(String name) {
        Path dir = shared().resolve("fixtures/parity").resolve(name);
        assumeTrue(Files.isRegularFile(dir.resolve("case.json")), "parity fixture " + dir + " not available");
        return dir;
    }

    /** {@code shared/metro-data}, or skips the test. */
    public static Path metroData() {
        Path dir = shared().resolve("metro-data");
        assumeTrue(Files.isRegularFile(dir.resolve("J_regressor_h36m_correct.npy")),
                "METRO data folder " + dir + " not available");
        return dir;
    }

    /** A plain file of a case, or skips the test. */
    public static Path file(String caseName, String fileName) {
        Path file = caseDir(caseName).resolve(fileName);
        assumeTrue(Files.isRegularFile(file), "fixture file " + file + " not available");
        return file;
    }

    /** Decompresses {@code NAME.gz} of a case into {@code folder/NAME} (once), or skips the test. */
    public static Path gunzip(String caseName, String fileName, Path folder) throws IOException {
        Path source = file(caseName, fileName + ".gz");
        Path target = folder.resolve(caseName + "-" + fileName);
        if (!Files.isRegularFile(target)) {
            Path tmp = folder.resolve(target.getFileName() + ".part");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(source));
                    OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
            Files.move(tmp, target);
        }
        return target;
    }

    public static final String BODY = "body-tiny";
    public static final String HAND = "hand-tiny";
    public static final String BODY_CHECKPOINT = "metro_body-tiny_state_dict.bin";
    public static final String HAND_CHECKPOINT = "metro_hand-tiny_state_dict.bin";
}
