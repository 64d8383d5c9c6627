package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.metroscope.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeTuningTest {

    /** Larger than glibc's largest mmap threshold (32 MB), smaller than a thread arena's heap (64 MB). */
    private static final long BLOCK = 48L << 20;

    /** Minor page faults of this process so far (field 10 of /proc/self/stat). */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }

    private static void allocateTouchFree() {
        long address = Native.malloc(BLOCK);
        assertThat(address).isNotZero();
        new Pointer(address).setMemory(0, BLOCK, (byte) 1);
        Native.free(address);
    }

    @Test
    void inTrainingModeAFreedBigBlockIsReusedWithoutFaultingItsPagesInAgain() throws Exception {
        assumeTrue(Platform.isLinux(), "glibc malloc only");
        assumeTrue(System.getenv("MALLOC_MMAP_MAX_") == null && System.getenv("MALLOC_TRIM_THRESHOLD_") == null
                && System.getenv("GLIBC_TUNABLES") == null, "the environment tunes malloc itself");
        // In a JVM of its own: in the test run's JVM, earlier tests leave this thread's malloc arena in states where
        // the big block lands in a heap of its own that the small pin below cannot keep alive (glibc deletes an
        // empty heap whatever the trim threshold), which measured the arena, not the tuning.
        Process child = ChildJvm.start(NativeTuningTest.class);
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(out).isZero();
        long faults = Long.parseLong(out.lines().filter(l -> l.startsWith("faults ")).findFirst()
                .orElseThrow(() -> new AssertionError("no fault count in: " + out)).substring("faults ".length()));
        // glibc's default maps and unmaps a block this size each time: 5 × 12,288 fresh pages to fault in
        assertThat(faults).as("minor page faults over 5 cycles of a 48 MB block").isLessThan(BLOCK / 4096);
    }

    /** The measurement, run by the test in a child JVM: prints {@code faults N}. */
    public static void main(String[] args) throws IOException {
        NativeTuning.keepFreedMemoryForTraining();
        // A small block allocated after the big one keeps the malloc heap that holds both alive (as the other
        // tensors of a training step do); otherwise glibc unmaps a thread arena's heap as soon as it is empty.
        long first = Native.malloc(BLOCK);
        new Pointer(first).setMemory(0, BLOCK, (byte) 1);
        long pin = Native.malloc(64);
        Native.free(first);
        long faults;
        try {
            long before = minorFaults();
            for (int i = 0; i < 5; i++) {
                allocateTouchFree();
            }
            faults = minorFaults() - before;
        } finally {
            Native.free(pin);
        }
        System.out.println("faults " + faults);
    }
}
