package io.metroscope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The V4L2 video devices present on this machine. */
final class Webcams {

    private Webcams() {
    }

    static List<Path> list() {
        Path dev = Path.of("/dev");
        if (!Files.isDirectory(dev)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dev)) {
            return s.filter(p -> p.getFileName().toString().matches("video\\d+")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
