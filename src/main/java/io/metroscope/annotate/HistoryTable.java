package io.metroscope.annotate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** SQL of the append-only {@code history} table (the schema's triggers refuse updates and deletes). */
final class HistoryTable {

    private HistoryTable() {
    }

    /** Appends an entry; returns its id. */
    static long append(Connection c, long itemId, String author, long now, EditKind kind, EditTarget target,
            Long reverts, String detail, byte[] before, byte[] after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO history (item_id, author, created_at, kind, target, "
                + "reverts, detail, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, itemId);
            s.setString(2, author);
            s.setLong(3, now);
            s.setString(4, kind.id());
            s.setString(5, target.id());
            if (reverts == null) {
                s.setNull(6, Types.INTEGER);
            } else {
                s.setLong(6, reverts);
            }
            s.setString(7, detail);
            s.setBytes(8, before);
            s.setBytes(9, after);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The item's history as replay steps (no payloads), in commit order. */
    static List<UndoStacks.Step> steps(Connection c, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, kind, reverts FROM history WHERE item_id = ? ORDER BY id")) {
            s.setLong(1, itemId);
            List<UndoStacks.Step> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long reverts = r.getLong(3);
                    out.add(new UndoStacks.Step(r.getLong(1), EditKind.fromId(r.getString(2)),
                            r.wasNull() ? null : reverts));
                }
            }
            return out;
        }
    }

    /** One entry with its payloads, or null. */
    static HistoryEntry get(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, item_id, author, created_at, kind, target, reverts, "
                + "detail, before, after FROM history WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? entry(r, true) : null;
            }
        }
    }

    /** The item's entries in commit order, without payloads (empty arrays), for display. */
    static List<HistoryEntry> list(Connection c, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, item_id, author, created_at, kind, target, reverts, "
                + "detail FROM history WHERE item_id = ? ORDER BY id")) {
            s.setLong(1, itemId);
            List<HistoryEntry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(entry(r, false));
                }
            }
            return out;
        }
    }

    /** Whether entry {@code id} exists. */
    static boolean exists(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM history WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static HistoryEntry entry(ResultSet r, boolean payloads) throws SQLException {
        long reverts = r.getLong(7);
        Long rev = r.wasNull() ? null : reverts;
        return new HistoryEntry(r.getLong(1), r.getLong(2), r.getString(3), r.getLong(4),
                EditKind.fromId(r.getString(5)), EditTarget.fromId(r.getString(6)), rev, r.getString(8),
                payloads ? r.getBytes(9) : new byte[0], payloads ? r.getBytes(10) : new byte[0]);
    }
}
