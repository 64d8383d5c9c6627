package io.metroscope.annotate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** SQL of the {@code smpl_params} table: float64 little-endian BLOBs of pose and betas. */
final class SmplTable {

    private SmplTable() {
    }

    static void insert(Connection c, long itemId, SmplParameters p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO smpl_params (item_id, pose, betas, gender, source) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, itemId);
            s.setBytes(2, doubles(p.pose()));
            s.setBytes(3, doubles(p.betas()));
            s.setString(4, p.gender());
            s.setString(5, p.source());
            s.executeUpdate();
        }
    }

    /** The item's parameters, or null when it was not imported from SMPL parameters. */
    static SmplParameters get(Connection c, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pose, betas, gender, source FROM smpl_params "
                + "WHERE item_id = ?")) {
            s.setLong(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return new SmplParameters(doubles(r.getBytes(1)), doubles(r.getBytes(2)), r.getString(3),
                        r.getString(4));
            }
        }
    }

    private static byte[] doubles(double[] d) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * d.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : d) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static double[] doubles(byte[] bytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double[] d = new double[bytes.length / 8];
        for (int i = 0; i < d.length; i++) {
            d[i] = b.getDouble();
        }
        return d;
    }
}
