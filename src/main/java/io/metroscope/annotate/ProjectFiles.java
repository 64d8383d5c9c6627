package io.metroscope.annotate;

import io.metroscope.format.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a project file before SQLite opens it, from its 100-byte header alone, so a foreign, damaged, truncated or
 * too-new file is refused with a clear message and never written to; and the messages for unusable locations.
 */
public final class ProjectFiles {

    /** The extension project files get. */
    public static final String EXTENSION = ".metroproj";

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final String FIX_DAMAGED = "restore the project from a backup copy, or create a new project and "
            + "import the images again";

    private ProjectFiles() {
    }

    /** What the header says about a file that passed {@link #checkExisting}. */
    public record Header(int pageSize, long pageCount, int userVersion, int applicationId) {
    }

    /** Refuses anything but a complete Metroscope project of a schema this version can read. */
    public static Header checkExisting(Path file) throws FormatException {
        if (Files.isDirectory(file)) {
            throw new FormatException(file, "it is a folder, not a project file", "choose a " + EXTENSION + " file");
        }
        byte[] header = new byte[100];
        int n;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(header, 0, header.length);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new FormatException(file, "the file does not exist", "choose an existing project, or create one "
                    + "with New Project", e);
        } catch (IOException e) {
            throw new FormatException(file, "it cannot be read (" + e.getMessage() + ")",
                    "check the file's permissions", e);
        }
        if (n < header.length || !startsWithMagic(header)) {
            throw new FormatException(file, "it is not a Metroscope project (not an SQLite database, or damaged "
                    + "at its start)", "choose a " + EXTENSION + " file made by Metroscope; " + FIX_DAMAGED);
        }
        ByteBuffer b = ByteBuffer.wrap(header);
        int pageSize = Short.toUnsignedInt(b.getShort(16));
        pageSize = pageSize == 1 ? 65536 : pageSize;
        long pageCount = Integer.toUnsignedLong(b.getInt(28));
        int changeCounter = b.getInt(24);
        int validFor = b.getInt(92);
        int userVersion = b.getInt(60);
        int applicationId = b.getInt(68);
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw new FormatException(file, "its header is damaged (page size " + pageSize + ")", FIX_DAMAGED);
        }
        // While a write-ahead log exists (the project is open, or its last session crashed) the header may predate
        // the newest commits: the rest is checked through SQLite once the session lock is held.
        if (!hasLog(file)) {
            checkIdentity(file, applicationId, userVersion);
            // The in-header size is only trusted when it was written by the last change (SQLite's own rule).
            if (changeCounter == validFor && pageCount > 0 && size < pageCount * pageSize) {
                throw new FormatException(file, "it is truncated (" + size + " bytes, the header says "
                        + pageCount * pageSize + ")", "the copy did not finish: copy it again; " + FIX_DAMAGED);
            }
        }
        return new Header(pageSize, pageCount, userVersion, applicationId);
    }

    /** Refuses another program's database, or a schema newer than this Metroscope reads. */
    static void checkIdentity(Path file, int applicationId, int userVersion) throws FormatException {
        if (applicationId != ProjectSchema.APPLICATION_ID) {
            throw new FormatException(file, "it is an SQLite database of another program, not a Metroscope project",
                    "choose a " + EXTENSION + " file made by Metroscope");
        }
        if (userVersion > ProjectSchema.latestVersion()) {
            throw new FormatException(file, "it was written by a newer Metroscope (schema " + userVersion
                    + "; this version reads up to " + ProjectSchema.latestVersion() + ")",
                    "update Metroscope to open it");
        }
    }

    /** Whether a non-empty write-ahead log lies beside the project. */
    static boolean hasLog(Path file) {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        try {
            return Files.isRegularFile(wal) && Files.size(wal) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Refuses a path where a new project cannot be created: existing, or in a missing or read-only folder. */
    public static void checkNew(Path file) throws FormatException {
        if (Files.exists(file)) {
            throw new FormatException(file, "a file of that name already exists",
                    "choose another name, or open it with Open Project");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new FormatException(file, "its folder " + dir + " does not exist", "choose an existing folder");
        }
        if (!Files.isWritable(dir)) {
            throw readOnlyLocation(file, null);
        }
    }

    /** The message for a project in a folder this process cannot write. */
    public static FormatException readOnlyLocation(Path file, Throwable cause) {
        return new FormatException(file, "its folder " + file.toAbsolutePath().getParent() + " is read-only "
                + "(a project needs to write its journal and lock files beside it)",
                "copy the project to a folder you can write to, or choose a writable folder", cause);
    }

    private static boolean startsWithMagic(byte[] header) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (header[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
