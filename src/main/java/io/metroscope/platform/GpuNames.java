package io.metroscope.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads GPU model names from the NVIDIA driver's proc files, since DJL exposes only counts. */
final class GpuNames {

    private static final Path NVIDIA_PROC = Path.of("/proc/driver/nvidia/gpus");

    private GpuNames() {
    }

    /** Model names ordered by PCI bus id (CUDA's default order), or an empty list when unknown. */
    static List<String> read() {
        return read(NVIDIA_PROC);
    }

    static List<String> read(Path root) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (Stream<Path> buses = Files.list(root)) {
            for (Path bus : buses.sorted().toList()) {
                Path info = bus.resolve("information");
                if (Files.isReadable(info)) {
                    for (String line : Files.readAllLines(info)) {
                        if (line.startsWith("Model:")) {
                            names.add(line.substring("Model:".length()).trim());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return names;
    }
}
