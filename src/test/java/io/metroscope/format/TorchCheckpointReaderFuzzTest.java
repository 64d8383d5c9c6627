package io.metroscope.format;

import static io.metroscope.format.FuzzSupport.touch;

import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link TorchCheckpointReader}: any input gives a usable result or a {@link FormatException}. Seeds (and regression
 * inputs, run by every {@code mvn test}) are in {@code TorchCheckpointReaderFuzzTestInputs/read/}; {@code .ci/fuzz} fuzzes.
 */
class TorchCheckpointReaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        Path file = FuzzSupport.file("fuzz.pt", data);
        try {
            touch(TorchCheckpointReader.read(file));
        } catch (FormatException expected) {
            // The documented way to refuse a file.
        }
    }
}
