package io.metroscope.annotate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes folders and files read-only for a test, as root too: permission bits first, and where they do not apply
 * (root, as in CI) the immutable attribute ({@code chattr +i}); {@link #close} restores both. Skips the test with a
 * message where neither can be had.
 */
final class ReadOnlyPlaces implements AutoCloseable {

    private final List<Path> immutable = new ArrayList<>();
    private final List<Path> locked = new ArrayList<>();

    /** Makes every path read-only, the folders last; skips the test where that is impossible here. */
    static ReadOnlyPlaces of(Path... paths) throws IOException {
        ReadOnlyPlaces r = new ReadOnlyPlaces();
        for (Path p : paths) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x"
                    : "r--r--r--"));
            r.locked.add(p);
        }
        for (Path p : paths) {
            if (Files.isWritable(p) && chattr("+i", p)) {
                r.immutable.add(p);
            }
        }
        boolean readOnly = java.util.Arrays.stream(paths).noneMatch(Files::isWritable);
        if (!readOnly) {
            r.close();
        }
        Assumptions.assumeTrue(readOnly, "running as root where chattr +i is not available: a read-only place "
                + "cannot be made here");
        return r;
    }

    @Override
    public void close() throws IOException {
        for (int i = immutable.size() - 1; i >= 0; i--) {
            chattr("-i", immutable.get(i));
        }
        for (Path p : locked) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                    : "rw-r--r--"));
        }
    }

    private static boolean chattr(String change, Path path) {
        try {
            Process p = new ProcessBuilder("chattr", change, path.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
