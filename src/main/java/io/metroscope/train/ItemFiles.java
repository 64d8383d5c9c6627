package io.metroscope.train;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.metroscope.format.FormatException;

/**
 * Writes one dataset file atomically (a temporary sibling, then a rename) without forcing it to disk: bulk data
 * would otherwise wait on thousands of fsyncs. The manifest, written last through
 * {@link io.metroscope.format.AtomicFiles}, is what is forced.
 */
final class ItemFiles {
    private ItemFiles() {
    }

    static void write(Path target, byte[] bytes) throws FormatException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The write error matters more.
            }
            throw new FormatException(target, "could not write the file (" + e + ")",
                    "check that the folder is writable and the disk has free space", e);
        }
    }
}
