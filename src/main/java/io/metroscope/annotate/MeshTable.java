package io.metroscope.annotate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** SQL of the {@code meshes} table: float32 little-endian BLOBs of the original and current mesh. */
final class MeshTable {

    private MeshTable() {
    }

    static void insert(Connection c, long itemId, float[] vertices, float[] joints3d, float[] camera)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO meshes (item_id, vertex_count, original_vertices, "
                + "current_vertices, joints_3d, camera, original_camera) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            byte[] v = Blobs.of(vertices);
            s.setLong(1, itemId);
            s.setInt(2, vertices.length / 3);
            s.setBytes(3, v);
            s.setBytes(4, v);
            s.setBytes(5, Blobs.of(joints3d));
            s.setBytes(6, Blobs.of(camera));
            s.setBytes(7, Blobs.of(camera));
            s.executeUpdate();
        }
    }

    /** The item's mesh, or null when it has none. */
    static MeshState get(Connection c, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT original_vertices, current_vertices, joints_3d, camera, "
                + "original_camera FROM meshes WHERE item_id = ?")) {
            s.setLong(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                float[] camera = Blobs.floats(r.getBytes(4));
                byte[] original = r.getBytes(5);
                // Projects from before schema 2 never changed the camera (no refit), so it is still the original.
                return new MeshState(Blobs.floats(r.getBytes(1)), Blobs.floats(r.getBytes(2)),
                        Blobs.floats(r.getBytes(3)), camera, original == null ? camera : Blobs.floats(original));
            }
        }
    }

    /** The current vertices only (what mesh edits start from). */
    static float[] current(Connection c, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT current_vertices FROM meshes WHERE item_id = ?")) {
            s.setLong(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("item " + itemId + " has no mesh");
                }
                return Blobs.floats(r.getBytes(1));
            }
        }
    }

    /** The weak-perspective camera {@code [s, tx, ty]}. */
    static float[] camera(Connection c, long itemId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT camera FROM meshes WHERE item_id = ?")) {
            s.setLong(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("item " + itemId + " has no mesh");
                }
                return Blobs.floats(r.getBytes(1));
            }
        }
    }

    static void setCamera(Connection c, long itemId, float[] camera) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE meshes SET camera = ? WHERE item_id = ?")) {
            s.setBytes(1, Blobs.of(camera));
            s.setLong(2, itemId);
            if (s.executeUpdate() != 1) {
                throw new SQLException("item " + itemId + " has no mesh");
            }
        }
    }

    static void setCurrent(Connection c, long itemId, float[] vertices, float[] joints3d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE meshes SET current_vertices = ?, joints_3d = ? WHERE item_id = ?")) {
            s.setBytes(1, Blobs.of(vertices));
            s.setBytes(2, Blobs.of(joints3d));
            s.setLong(3, itemId);
            if (s.executeUpdate() != 1) {
                throw new SQLException("item " + itemId + " has no mesh");
            }
        }
    }
}
