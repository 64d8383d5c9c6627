package io.metroscope.annotate;

import io.metroscope.body.TemplateKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** SQL of the one-row {@code project} table: the template and who created the project. */
final class ProjectTable {

    private ProjectTable() {
    }

    static void insert(Connection c, ProjectMeta meta, byte[] template) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO project (id, template_kind, template_sha256, "
                + "template_source, template, created_at, created_by) VALUES (1, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, meta.kind().id());
            s.setString(2, meta.templateSha256());
            s.setString(3, meta.templateSource());
            s.setBytes(4, template);
            s.setLong(5, meta.createdAt());
            s.setString(6, meta.createdBy());
            s.executeUpdate();
        }
    }

    /** The meta row, or null when the project has none (an unfinished creation). */
    static ProjectMeta meta(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT template_kind, template_sha256, template_source, "
                + "created_at, created_by FROM project WHERE id = 1"); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return null;
            }
            return new ProjectMeta(TemplateKind.fromId(r.getString(1)), r.getString(2), r.getString(3), r.getLong(4),
                    r.getString(5));
        }
    }

    static byte[] template(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT template FROM project WHERE id = 1");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("the project has no template");
            }
            return r.getBytes(1);
        }
    }
}
