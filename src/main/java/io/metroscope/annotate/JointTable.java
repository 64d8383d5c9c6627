package io.metroscope.annotate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL of the {@code joints_2d} table: one row per joint with its position, visibility and imported values. */
final class JointTable {

    private JointTable() {
    }

    static void insert(Connection c, long itemId, Joints2d joints) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO joints_2d (item_id, joint, x, y, visible, "
                + "original_x, original_y, original_visible) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int j = 0; j < joints.count(); j++) {
                s.setLong(1, itemId);
                s.setInt(2, j);
                s.setDouble(3, joints.x(j));
                s.setDouble(4, joints.y(j));
                s.setInt(5, joints.visible(j) ? 1 : 0);
                s.setDouble(6, joints.x(j));
                s.setDouble(7, joints.y(j));
                s.setInt(8, joints.visible(j) ? 1 : 0);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The current joints ({@code original}: as imported). */
    static Joints2d get(Connection c, long itemId, boolean original) throws SQLException {
        String cols = original ? "original_x, original_y, original_visible" : "x, y, visible";
        try (PreparedStatement s = c.prepareStatement("SELECT " + cols + " FROM joints_2d WHERE item_id = ? "
                + "ORDER BY joint")) {
            s.setLong(1, itemId);
            List<float[]> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new float[] {(float) r.getDouble(1), (float) r.getDouble(2), r.getInt(3)});
                }
            }
            float[] out = new float[3 * rows.size()];
            for (int j = 0; j < rows.size(); j++) {
                System.arraycopy(rows.get(j), 0, out, 3 * j, 3);
            }
            return Joints2d.of(out);
        }
    }

    static void set(Connection c, long itemId, Joints2d joints) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE joints_2d SET x = ?, y = ?, visible = ? WHERE item_id = ? AND joint = ?")) {
            for (int j = 0; j < joints.count(); j++) {
                s.setDouble(1, joints.x(j));
                s.setDouble(2, joints.y(j));
                s.setInt(3, joints.visible(j) ? 1 : 0);
                s.setLong(4, itemId);
                s.setInt(5, j);
                s.addBatch();
            }
            for (int n : s.executeBatch()) {
                if (n != 1) {
                    throw new SQLException("item " + itemId + " has fewer than " + joints.count() + " 2D joints");
                }
            }
        }
    }
}
