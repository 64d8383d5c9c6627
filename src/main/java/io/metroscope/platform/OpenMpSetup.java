package io.metroscope.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Makes libtorch's OpenMP worker threads sleep instead of spinning while they wait ({@code OMP_WAIT_POLICY=PASSIVE}),
 * unless the user set a policy. Spinning workers are what libgomp does by default; on a machine whose cores are
 * busy with other work every parallel region then waits for descheduled spinners, and a full-size METRO forward
 * with 2 threads was measured ~14× slower (BENCHMARKS.md). The variable is read when libgomp loads, so this must
 * run before the PyTorch engine starts; Java cannot change its own environment, hence libc {@code setenv}.
 */
public final class OpenMpSetup {

    public static final String VARIABLE = "OMP_WAIT_POLICY";

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        int mallopt(int param, int value);
    }

    /** glibc's M_ARENA_MAX. */
    private static final int M_ARENA_MAX = -8;

    private OpenMpSetup() {
    }

    /** Sets {@code OMP_WAIT_POLICY=PASSIVE} in the process environment when absent; true when it did. */
    public static boolean passiveWaitingUnlessSet() {
        if (System.getenv(VARIABLE) != null || !Platform.isLinux()) {
            return false;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            return c.setenv(VARIABLE, "PASSIVE", 0) == 0;
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
}
