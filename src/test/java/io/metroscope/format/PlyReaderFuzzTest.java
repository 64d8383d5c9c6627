package io.metroscope.format;

import static io.metroscope.format.FuzzSupport.touch;

import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link PlyReader}: any input gives a usable result or a {@link FormatException}. Seeds (and regression
 * inputs, run by every {@code mvn test}) are in {@code PlyReaderFuzzTestInputs/read/}; {@code .ci/fuzz} fuzzes.
 */
class PlyReaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        Path file = FuzzSupport.file("fuzz.ply", data);
        try {
            touch(PlyReader.read(file));
        } catch (FormatException expected) {
            // The documented way to refuse a file.
        }
    }
}
