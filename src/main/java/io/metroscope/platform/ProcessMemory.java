package io.metroscope.platform;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Memory of this process at one moment: Java heap used and maximum, resident set size ({@code VmRSS} of
 * {@code /proc/self/status}; −1 where there is none) and, on a CUDA device, the device's used and total memory
 * (−1 when not on a GPU or not measurable).
 */
public record ProcessMemory(long heapUsed, long heapMax, long rss, long deviceUsed, long deviceTotal) {

    private static final Path STATUS = Path.of("/proc/self/status");

    /** Measures now; {@code device} null or a CPU leaves the device figures at −1. */
    public static ProcessMemory sample(Device device) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long deviceUsed = -1;
        long deviceTotal = -1;
        if (device != null && device.isGpu()) {
            try {
                MemoryUsage m = CudaUtils.getGpuMemory(device);
                deviceUsed = m.getUsed();
                deviceTotal = m.getMax();
            } catch (RuntimeException | LinkageError e) {
                // No CUDA runtime to ask: the figure stays unknown.
            }
        }
        return new ProcessMemory(used, rt.maxMemory(), residentSetSize(), deviceUsed, deviceTotal);
    }

    /** {@code VmRSS} in bytes, or −1 when /proc is not there (not Linux) or unreadable. */
    public static long residentSetSize() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc hidden: unknown.
        }
        return -1;
    }

    /** E.g. {@code heap 312 / 2048 MB · RSS 1.4 GB}. */
    public String hostSummary() {
        return "heap " + mb(heapUsed) + " / " + mb(heapMax) + " MB · RSS " + (rss < 0 ? "n/a" : size(rss));
    }

    /** E.g. {@code 3.2 / 80.0 GB}, or {@code n/a}. */
    public String deviceSummary() {
        return deviceUsed < 0 ? "n/a" : size(deviceUsed) + " / " + size(deviceTotal);
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", mb(bytes));
    }
}
