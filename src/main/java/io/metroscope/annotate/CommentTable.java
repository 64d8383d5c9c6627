package io.metroscope.annotate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL of the {@code comments} table. */
final class CommentTable {

    private CommentTable() {
    }

    static long add(Connection c, long itemId, String author, long now, String text) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO comments (item_id, author, created_at, text) "
                + "VALUES (?, ?, ?, ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, itemId);
            s.setString(2, author);
            s.setLong(3, now);
            s.setString(4, text);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static List<Comment> list(Connection c, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, item_id, author, created_at, text FROM comments "
                + "WHERE item_id = ? ORDER BY id")) {
            s.setLong(1, itemId);
            List<Comment> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Comment(r.getLong(1), r.getLong(2), r.getString(3), r.getLong(4), r.getString(5)));
                }
            }
            return out;
        }
    }
}
