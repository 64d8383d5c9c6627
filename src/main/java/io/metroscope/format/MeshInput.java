package io.metroscope.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opening mesh files for reading, with I/O failures turned into user-facing messages. */
final class MeshInput {
    private MeshInput() {
    }

    static InputStream open(Path file) throws FormatException {
        try {
            if (Files.isDirectory(file)) {
                throw new FormatException(file, "is a folder, not a mesh file", "choose the mesh file inside it");
            }
            return Files.newInputStream(file);
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    static long size(Path file) throws FormatException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    static FormatException failure(Path file, IOException e) {
        if (e instanceof FormatException fe) {
            return fe;
        }
        if (e instanceof NoSuchFileException) {
            return new FormatException(file, "file not found", "check the path and file name", e);
        }
        if (e instanceof AccessDeniedException) {
            return new FormatException(file, "permission denied", "check that you may read this file", e);
        }
        return new FormatException(file, "could not be read (" + e + ")",
                "check that the file is accessible and not being written by another program", e);
    }
}
