package io.metroscope.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tunes libtorch's native runtime through libc: OpenMP waiting and malloc arenas before the PyTorch engine starts,
 * malloc's reuse of freed memory when training starts. A setting the user made in the environment always wins.
 */
public final class NativeTuning {

    public static final String VARIABLE = "OMP_WAIT_POLICY";

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        int mallopt(int param, int value);
    }

    /** glibc's mallopt parameters M_TRIM_THRESHOLD, M_MMAP_MAX and M_ARENA_MAX. */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;
    private static final int M_ARENA_MAX = -8;

    private static final AtomicBoolean TRAINING_MALLOC = new AtomicBoolean();

    private NativeTuning() {
    }

    /**
     * Sets {@code OMP_WAIT_POLICY=PASSIVE} in the process environment when absent, so that libtorch's OpenMP workers
     * sleep instead of spinning while they wait; true when it did. Spinning is libgomp's default; on a machine whose
     * cores are busy with other work every parallel region then waits for descheduled spinners, and a full-size
     * METRO forward with 2 threads was measured ~14× slower (src/bench/BENCHMARKS.md). libgomp reads the variable when it
     * loads, and Java cannot change its own environment, hence libc {@code setenv}.
     */
    public static boolean passiveWaitingUnlessSet() {
        return System.getenv(VARIABLE) == null && setEnvironment(VARIABLE, "PASSIVE");
    }

    /** Sets a variable in the process environment (libc {@code setenv}, not overwriting); true when it is set. */
    static boolean setEnvironment(String name, String value) {
        try {
            return Platform.isLinux() && Native.load("c", LibC.class).setenv(name, value, 0) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Caps glibc's malloc arenas at two unless MALLOC_ARENA_MAX is set. Tensor buffers freed on one thread and
     * allocated on another otherwise spread over per-thread arenas, and the resident size creeps up in steps
     * that are never returned; with few arenas freed blocks are reused. True when it applied the cap.
     */
    public static boolean fewMallocArenasUnlessSet() {
        if (System.getenv("MALLOC_ARENA_MAX") != null || !Platform.isLinux()) {
            return false;
        }
        try {
            return Native.load("c", LibC.class).mallopt(M_ARENA_MAX, 2) == 1;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * For training: keeps freed native memory for reuse, once per process, unless the user tuned malloc
     * (MALLOC_MMAP_MAX_, MALLOC_TRIM_THRESHOLD_ or GLIBC_TUNABLES set). By default glibc gives each block over
     * 32 MB a fresh mmap and hands freed memory at the top of the heap back to the kernel; a training step
     * allocates and frees blocks that large (the attention scores of a batch of 16: 51 MB) many times, and the
     * kernel zeroes every new page on first touch: about 200,000 page faults a second, a third of the CPU, while
     * the demo model trained on 2 cores. Blocks now come from the heap and stay there (src/bench/BENCHMARKS.md: 1.3–1.4×
     * training samples/s). Not at start-up: with it, an inference loop's resident memory took one more 60 MB step
     * over 200 full-size forwards, so a process that never trains keeps glibc's defaults. True when it applied.
     */
    public static boolean keepFreedMemoryForTraining() {
        if (!TRAINING_MALLOC.compareAndSet(false, true) || System.getenv("MALLOC_MMAP_MAX_") != null
                || System.getenv("MALLOC_TRIM_THRESHOLD_") != null || System.getenv("GLIBC_TUNABLES") != null
                || !Platform.isLinux()) {
            return false;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            return c.mallopt(M_MMAP_MAX, 0) == 1 & c.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE) == 1;
        } catch (Throwable e) {
            return false;
        }
    }
}
