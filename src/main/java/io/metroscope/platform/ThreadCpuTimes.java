package io.metroscope.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of every thread of this process, native ones included (PyTorch's OpenMP workers, Mesa's llvmpipe
 * rasterisers), by thread name, from {@code /proc/self/task} (Linux; empty elsewhere). The JVM's own bean sees Java
 * threads only, which hides where a software renderer spends the cores.
 */
public final class ThreadCpuTimes {

    /** The kernel's clock ticks per second for {@code utime}/{@code stime} (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private ThreadCpuTimes() {
    }

    /** Milliseconds of CPU (user + system) so far per thread name; threads with the same name are added up. */
    public static Map<String, Double> byName() {
        return byName(Path.of("/proc/self/task"));
    }

    static Map<String, Double> byName(Path tasks) {
        Map<String, Double> out = new HashMap<>();
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended while we listed
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                String name = stat.substring(open + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                // After the name: state is field 3 of stat(5), so utime (14) and stime (15) are at 11 and 12 here.
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                out.merge(name, ticks * 1000.0 / TICKS_PER_SECOND, Double::sum);
            }
        } catch (IOException | RuntimeException unreadable) {
            return Map.of();
        }
        return out;
    }

    /** {@code after − before} per name (names new in {@code after} count from zero). */
    public static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new HashMap<>();
        after.forEach((name, ms) -> d.put(name, ms - before.getOrDefault(name, 0.0)));
        return d;
    }
}
