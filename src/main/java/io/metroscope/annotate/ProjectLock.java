package io.metroscope.annotate;

import io.metroscope.format.FormatException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive session lock of a project: an OS lock ({@link FileChannel#tryLock()}) on {@code PROJECT.lock} beside
 * the project, held while the project is open. A second process (or a second open in this one) is refused with a
 * message naming who holds it. The OS drops the lock when the holder dies, so a crash never leaves a project locked.
 */
public final class ProjectLock implements AutoCloseable {

    /**
     * Lock files this JVM holds. POSIX drops a process's lock when any descriptor of the file is closed, so a second
     * open in this process must be refused before it opens (and closes) the lock file again.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;

    private ProjectLock(Path file, Path key, FileChannel channel, FileLock lock, boolean created) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /** The lock file of {@code project}. */
    public static Path lockFile(Path project) {
        return project.resolveSibling(project.getFileName() + ".lock");
    }

    /** Takes the lock of {@code project}, or fails with a message saying the project is open elsewhere. */
    public static ProjectLock acquire(Path project) throws FormatException {
        Path file = lockFile(project);
        Path key = identity(file);
        if (!HELD.add(key)) {
            throw new FormatException(project, "it is already open in another Metroscope window or process (process "
                    + ProcessHandle.current().pid() + ", this one)", "close it there first; only one Metroscope may "
                    + "edit a project at a time");
        }
        try {
            return lock(project, file, key);
        } catch (FormatException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    /** The lock file's path with the folder's symbolic links resolved, so two spellings of one file agree. */
    private static Path identity(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            return abs.getParent().toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs;
        }
    }

    private static ProjectLock lock(Path project, Path file, Path key) throws FormatException {
        boolean created = !java.nio.file.Files.exists(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw ProjectFiles.readOnlyLocation(project, e);
        } catch (FileSystemException e) {
            if (String.valueOf(e.getReason()).contains("Read-only")) {
                throw ProjectFiles.readOnlyLocation(project, e);
            }
            throw new FormatException(project, "cannot create its lock file " + file + " (" + e.getMessage() + ")",
                    "open the project from a folder you can write to", e);
        } catch (IOException e) {
            throw new FormatException(project, "cannot create its lock file " + file + " (" + e.getMessage() + ")",
                    "open the project from a folder you can write to", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new FormatException(project, "cannot lock it (" + e.getMessage() + ")",
                    "open the project from a local folder that supports file locks", e);
        }
        if (lock == null) {
            String holder = readHolder(channel);
            close(channel);
            throw new FormatException(project, "it is already open in another Metroscope window or process"
                    + (holder.isEmpty() ? "" : " (" + holder + ")"),
                    "close it there first; only one Metroscope may edit a project at a time");
        }
        try {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(holderText().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            // The note is only for the message a second opener sees; the lock itself is what counts.
        }
        return new ProjectLock(file, key, channel, lock, created);
    }

    private static String holderText() {
        ProcessHandle self = ProcessHandle.current();
        return "process " + self.pid() + " of " + System.getProperty("user.name", "?") + " since "
                + java.time.Instant.now();
    }

    private static String readHolder(FileChannel channel) {
        try {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(256);
            int n = channel.read(b, 0);
            return n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /**
     * Releases the lock after a failed open, removing the lock file when this open created it, so refusing a file
     * that is not a project leaves nothing behind.
     */
    void closeAndDiscard() {
        if (created) {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover empty lock file is harmless.
            }
        }
        close();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases it anyway.
        }
        close(channel);
        HELD.remove(key);
    }
}
