package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadCpuTimesTest {

    @TempDir
    Path tasks;

    @Test
    void namesWithSpacesAndParenthesesAreReadAndEqualNamesAddUp() throws Exception {
        task(1, "1 (java) S 0 1 1 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 100 0 0");
        task(2, "2 (llvmpipe-0) S 1 1 1 0 -1 4194560 0 0 0 0 40 2 0 0 20 0 30 0 100 0 0");
        task(3, "3 (llvmpipe-0) R 1 1 1 0 -1 4194560 0 0 0 0 8 0 0 0 20 0 30 0 100 0 0");
        task(4, "4 (JavaFX (App) x) S 1 1 1 0 -1 4194560 0 0 0 0 1 2 0 0 20 0 30 0 100 0 0");
        Map<String, Double> ms = ThreadCpuTimes.byName(tasks);
        assertThat(ms).containsEntry("java", 3000.0).containsEntry("llvmpipe-0", 500.0)
                .containsEntry("JavaFX (App) x", 30.0).hasSize(3);
        assertThat(ThreadCpuTimes.since(Map.of("java", 1000.0), ms)).containsEntry("java", 2000.0)
                .containsEntry("llvmpipe-0", 500.0);
    }

    @Test
    void aBusyThreadOfThisProcessIsChargedItsCpu() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")),
                "no /proc/self/task here (not Linux)");
        java.util.concurrent.CountDownLatch spun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread busy = new Thread(() -> {
            java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            double x = 0;
            while (bean.getCurrentThreadCpuTime() < 400_000_000L) {
                x += Math.sqrt(x + 1);
            }
            spun.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x < 0) {
                throw new AssertionError();
            }
        }, "cpu-probe");
        busy.start();
        spun.await();
        try {
            // 400 ms of CPU by the JVM's own count; the kernel counts in 10 ms ticks.
            assertThat(ThreadCpuTimes.byName().get("cpu-probe")).isBetween(300.0, 2000.0);
        } finally {
            release.countDown();
            busy.join();
        }
    }

    private void task(int tid, String stat) throws Exception {
        Files.createDirectories(tasks.resolve(String.valueOf(tid)));
        Files.writeString(tasks.resolve(tid + "/stat"), stat + "\n");
    }
}
