package io.metroscope.annotate;

import io.metroscope.vision.CropTransform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** SQL of the {@code items} table: inserts, the queue's filtered and sorted rows, counts, status changes. */
final class ItemTable {

    private static final String SUMMARY_COLUMNS = "id, image_path, status, labeler, estimated_error, updated_at";

    private ItemTable() {
    }

    /** Inserts the item row; returns its id. */
    static long insert(Connection c, NewItem item, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO items (image_path, image_sha256, image_width, "
                + "image_height, crop_x, crop_y, crop_scale_x, crop_scale_y, crop_width, crop_height, status, "
                + "estimated_error, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
            CropTransform crop = item.crop();
            s.setString(1, item.imagePath());
            s.setString(2, item.imageSha256());
            s.setInt(3, item.imageWidth());
            s.setInt(4, item.imageHeight());
            s.setDouble(5, crop.originX());
            s.setDouble(6, crop.originY());
            s.setDouble(7, crop.scaleX());
            s.setDouble(8, crop.scaleY());
            s.setInt(9, crop.cropWidth());
            s.setInt(10, crop.cropHeight());
            s.setString(11, ItemStatus.TODO.id());
            if (item.estimatedError() == null) {
                s.setNull(12, Types.REAL);
            } else {
                s.setDouble(12, item.estimatedError());
            }
            s.setString(13, item.source());
            s.setLong(14, now);
            s.setLong(15, now);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The queue rows that pass {@code filter}, in {@code sort} order. */
    static List<ItemSummary> summaries(Connection c, QueueFilter filter, QueueSort sort) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM items WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND status IN (").append(filter.statuses().stream().map(x -> "?")
                    .collect(Collectors.joining(", "))).append(')');
            filter.statuses().stream().sorted().forEach(x -> args.add(x.id()));
        }
        if (filter.labeler() != null) {
            sql.append(" AND labeler = ?");
            args.add(filter.labeler());
        }
        if (filter.minError() != null) {
            sql.append(" AND estimated_error >= ?");
            args.add(filter.minError());
        }
        if (filter.maxError() != null) {
            sql.append(" AND estimated_error <= ?");
            args.add(filter.maxError());
        }
        sql.append(" ORDER BY ").append(sort.orderBy());
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<ItemSummary> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(summary(r));
                }
            }
            return out;
        }
    }

    /** The queue row of one item, or null. */
    static ItemSummary summary(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM items WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? summary(r) : null;
            }
        }
    }

    /** The whole item, or null. */
    static AnnotatedItem item(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + ", image_sha256, image_width, "
                + "image_height, crop_x, crop_y, crop_scale_x, crop_scale_y, crop_width, crop_height, source, "
                + "created_at FROM items WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                CropTransform crop = new CropTransform(r.getDouble(10), r.getDouble(11), r.getDouble(12),
                        r.getDouble(13), r.getInt(14), r.getInt(15));
                return new AnnotatedItem(summary(r), r.getString(7), r.getInt(8), r.getInt(9), crop, r.getString(16),
                        r.getLong(17));
            }
        }
    }

    /** Items per status. */
    static QueueProgress progress(Connection c) throws SQLException {
        Map<ItemStatus, Integer> counts = new EnumMap<>(ItemStatus.class);
        try (PreparedStatement s = c.prepareStatement("SELECT status, count(*) FROM items GROUP BY status");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.put(ItemStatus.fromId(r.getString(1)), r.getInt(2));
            }
        }
        return new QueueProgress(counts);
    }

    /** Every labeler named on an item, sorted. */
    static List<String> labelers(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT labeler FROM items WHERE labeler IS NOT NULL ORDER BY labeler");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** Sets the status and the time of change. */
    static void setStatus(Connection c, long id, ItemStatus status, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE items SET status = ?, updated_at = ? WHERE id = ?")) {
            s.setString(1, status.id());
            s.setLong(2, now);
            s.setLong(3, id);
            requireOne(s.executeUpdate(), id);
        }
    }

    /**
     * Marks an edit: the time of change, the labeler when nobody had the item yet, and a to-do item becomes in
     * progress.
     */
    static void touch(Connection c, long id, String author, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE items SET updated_at = ?, "
                + "labeler = coalesce(labeler, ?), status = CASE status WHEN 'todo' THEN 'in-progress' ELSE status END "
                + "WHERE id = ?")) {
            s.setLong(1, now);
            s.setString(2, author);
            s.setLong(3, id);
            requireOne(s.executeUpdate(), id);
        }
    }

    /** Assigns an item to a labeler (null: nobody). */
    static void setLabeler(Connection c, long id, String labeler, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE items SET labeler = ?, updated_at = ? WHERE id = ?")) {
            s.setString(1, labeler);
            s.setLong(2, now);
            s.setLong(3, id);
            requireOne(s.executeUpdate(), id);
        }
    }

    private static void requireOne(int updated, long id) throws SQLException {
        if (updated != 1) {
            throw new SQLException("item " + id + " does not exist");
        }
    }

    private static ItemSummary summary(ResultSet r) throws SQLException {
        double error = r.getDouble(5);
        Double estimated = r.wasNull() ? null : error;
        return new ItemSummary(r.getLong(1), r.getString(2), ItemStatus.fromId(r.getString(3)), r.getString(4),
                estimated, r.getLong(6));
    }
}
