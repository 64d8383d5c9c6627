package io.metroscope.annotate;

import io.metroscope.format.FormatException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite connection of one open project and its transactions. Settings, and why:
 * <ul>
 * <li>WAL journal: a commit appends to the write-ahead log, readers never block the writer, and a crash at any
 * moment leaves the last committed state (the log is replayed or ignored on the next open).</li>
 * <li>{@code synchronous=FULL}: each commit is fsync'ed before it returns, so an acknowledged edit survives a
 * power cut or OS crash, not only a killed process ({@code NORMAL} in WAL mode may lose the last commits then).
 * Edits arrive at human pace and imports commit in batches, so the fsync per commit costs nothing noticeable.</li>
 * <li>foreign keys on; a 5 s busy timeout, so a short lock held by SQLite's own checkpointing or a reader waits
 * instead of failing (other processes are kept out by {@link ProjectLock}).</li>
 * </ul>
 * One connection, used under this object's lock; auto-commit is off and every change goes through
 * {@link #write}, one transaction each.
 */
public final class ProjectDatabase implements AutoCloseable {

    /** A unit of database work. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Connection connection;

    private ProjectDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens {@code file} (created when absent) with the settings above. An existing file must identify as a
     * Metroscope project of a readable schema (checked through SQLite, so a pending write-ahead log counts) before
     * anything is written to it: the switch to WAL mode comes after that check.
     */
    static ProjectDatabase open(Path file, boolean existing) throws FormatException {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            if (existing) {
                ProjectFiles.checkIdentity(file, pragmaInt(c, "application_id"), pragmaInt(c, "user_version"));
            }
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
            }
            c.setAutoCommit(false);
            return new ProjectDatabase(file, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(file, "cannot open it as a database", e);
        } catch (FormatException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static int pragmaInt(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); var r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // The open failed already; that is what gets reported.
            }
        }
    }

    /** The project file. */
    public Path file() {
        return file;
    }

    /** Runs {@code work} in one transaction and commits it; on any failure rolls it back and rethrows. */
    public synchronized <T> T write(Work<T> work) throws FormatException {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw failure(file, "the change could not be saved", (SQLException) e);
        }
    }

    /** Runs read-only {@code work} (its snapshot ends with it). */
    public synchronized <T> T read(Work<T> work) throws FormatException {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure(file, "it could not be read", e);
        }
    }

    /** Brings the schema up to date (see {@link MigrationRunner}); returns how many migrations ran. */
    synchronized int migrate(MigrationRunner runner) throws SQLException {
        return runner.migrate(connection);
    }

    /** {@code PRAGMA integrity_check}: "ok", or SQLite's list of problems. Reads the whole file. */
    public String integrityCheck() throws FormatException {
        return read(c -> {
            StringBuilder out = new StringBuilder();
            try (Statement s = c.createStatement(); var r = s.executeQuery("PRAGMA integrity_check")) {
                while (r.next()) {
                    out.append(out.length() == 0 ? "" : "; ").append(r.getString(1));
                }
            }
            return out.toString();
        });
    }

    /** A clear message for a database error, naming the file and what to do. */
    static FormatException failure(Path file, String what, SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException s ? s.getResultCode() : null;
        String base = code == null ? "" : code.name();
        if (base.startsWith("SQLITE_CORRUPT") || base.startsWith("SQLITE_NOTADB")) {
            return new FormatException(file, what + ": the project file is damaged (" + e.getMessage() + ")",
                    "restore the project from a backup copy; nothing was changed", e);
        }
        if (base.startsWith("SQLITE_READONLY")) {
            return new FormatException(file, what + ": the project or its folder is read-only",
                    "copy the project to a folder you can write to", e);
        }
        if (base.startsWith("SQLITE_FULL")) {
            return new FormatException(file, what + ": the disk is full", "free some disk space and try again", e);
        }
        if (base.startsWith("SQLITE_BUSY")) {
            return new FormatException(file, what + ": the database stayed locked",
                    "close other programs using the project and try again", e);
        }
        return new FormatException(file, what + " (" + e.getMessage() + ")",
                "try again; if it keeps failing, restore the project from a backup", e);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the caller reports.
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Everything was committed; a failing close loses nothing.
        }
    }
}
