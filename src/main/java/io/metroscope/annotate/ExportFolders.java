package io.metroscope.annotate;

import io.metroscope.format.FormatException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Folder exports that appear whole or not at all: everything is written into a hidden temporary sibling, which is
 * renamed onto the target at the end (one atomic rename on the same file system). The target must be new or empty,
 * so an export never mixes with or destroys older files.
 */
final class ExportFolders {

    /** Writes the folder's content. */
    @FunctionalInterface
    interface Content {
        void writeInto(Path dir) throws IOException;
    }

    private ExportFolders() {
    }

    static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new FormatException(target, "its parent folder does not exist", "choose a folder that exists");
        }
        if (Files.exists(abs) && !isEmptyDirectory(abs)) {
            throw new FormatException(target, "it already exists and is not an empty folder",
                    "choose a new folder name (exports never overwrite earlier ones)");
        }
        if (!Files.isWritable(parent)) {
            throw new FormatException(target, "its folder " + parent + " is read-only",
                    "choose a folder you can write to");
        }
        Path tmp = parent.resolve("." + abs.getFileName() + ".export-" + UUID.randomUUID() + ".tmp");
        Files.createDirectory(tmp);
        boolean moved = false;
        try {
            content.writeInto(tmp);
            if (Files.exists(abs)) {
                Files.delete(abs);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs);
            }
            moved = true;
        } catch (DirectoryNotEmptyException e) {
            throw new FormatException(target, "something was written into it during the export",
                    "export again into a new folder", e);
        } finally {
            if (!moved) {
                deleteTree(tmp);
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // A leftover hidden temporary folder is harmless; the export's own error matters more.
        }
    }
}
