package io.metroscope.format;

import static io.metroscope.format.FuzzSupport.touch;

import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link ObjReader}: any input gives a usable result or a {@link FormatException}. Seeds (and regression
 * inputs, run by every {@code mvn test}) are in {@code ObjReaderFuzzTestInputs/read/}; {@code .ci/fuzz} fuzzes.
 */
class ObjReaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void read(byte[] data) {
        Path file = FuzzSupport.file("fuzz.obj", data);
        try {
            touch(ObjReader.read(file));
        } catch (FormatException expected) {
            // The documented way to refuse a file.
        }
    }
}
