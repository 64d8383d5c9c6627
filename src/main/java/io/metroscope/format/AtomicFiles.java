package io.metroscope.format;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;

/** Writes files through a temporary sibling and an atomic rename, so nobody ever sees one half-written. */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Produces the file's bytes. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} with the bytes {@code body} produces; on any failure the previous file, if any, is
     * untouched and no temporary file is left behind.
     */
    public static void write(Path target, Body body) throws FormatException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = createTemporary(target, absolute, dir);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                // Bodies may close what they are given (a ZipOutputStream does): the channel must stay open for force().
                body.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                out.flush();
                // Without this a power cut after the rename could leave a renamed but empty file.
                ch.force(true);
            }
            keepPermissions(absolute, tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw new FormatException(target, "could not write the file (" + e + ")",
                    "check that the folder is writable and the disk has free space", e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The original error matters more than a stray temporary file.
                }
            }
        }
    }

    /**
     * Creates the temporary sibling with the default permissions. Files.createTempFile would make it
     * owner-only (0600), and the rename would carry that onto the exported file.
     */
    private static Path createTemporary(Path target, Path absolute, Path dir) throws FormatException {
        IOException last = null;
        for (int attempt = 0; attempt < 16; attempt++) {
            Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                last = e;
            } catch (IOException e) {
                last = e;
                break;
            }
        }
        throw new FormatException(target, "cannot create a temporary file in " + dir + " (" + last + ")",
                "check that the folder exists and is writable", last);
    }

    /** Replacing a file keeps its permissions, as an in-place overwrite would. */
    private static void keepPermissions(Path target, Path tmp) {
        try {
            if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
                Files.setPosixFilePermissions(tmp, perms);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Permissions are a courtesy; failing to copy them must not fail the export.
        }
    }
}
