package io.metroscope.annotate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the latest schema: reads {@code PRAGMA user_version} and applies each later migration in
 * its own transaction, setting {@code user_version} inside that transaction, so a crash leaves the file at a
 * whole version, never between two.
 */
public final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final List<Migration> migrations;

    /** A runner over {@code migrations}, which must be numbered 1, 2, 3, … in order. */
    public MigrationRunner(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration " + i + " has version " + migrations.get(i).version()
                        + ", expected " + (i + 1));
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    /** The database's schema version (0 for a new file). */
    public static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /**
     * Applies every migration after the current version; returns how many ran. A version above the latest is
     * left alone and reported by the caller (it comes from a newer Metroscope). Expects auto-commit off.
     */
    public int migrate(Connection c) throws SQLException {
        int from = version(c);
        int applied = 0;
        for (Migration m : migrations) {
            if (m.version() <= from) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + m.version());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("schema migration " + m.version() + " (" + m.description() + ") failed: "
                        + e.getMessage(), e);
            }
            LOG.info("Project schema migrated to version {}: {}", m.version(), m.description());
            applied++;
        }
        return applied;
    }
}
