package io.metroscope.annotate;

import java.util.List;

/**
 * The project database's schema as an ordered list of migrations. Never edit a released migration: append a new
 * one, so every older project file upgrades step by step.
 */
public final class ProjectSchema {

    /** {@code PRAGMA application_id} of a Metroscope project ("MTRA"): tells our files from other SQLite files. */
    public static final int APPLICATION_ID = 0x4D545241;

    /** Status values, as stored. */
    private static final String STATUSES = "'todo','in-progress','accepted','rejected','needs-review'";

    /** Every migration, in order. */
    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "items, meshes, 2D joints, comments and the append-only edit history", List.of(
                    "PRAGMA application_id = " + APPLICATION_ID,
                    """
                    CREATE TABLE project (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      template_kind TEXT NOT NULL CHECK (template_kind IN ('body', 'hand')),
                      template_sha256 TEXT NOT NULL,
                      template_source TEXT NOT NULL,
                      template BLOB NOT NULL,
                      created_at INTEGER NOT NULL,
                      created_by TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE items (
                      id INTEGER PRIMARY KEY,
                      image_path TEXT NOT NULL,
                      image_sha256 TEXT NOT NULL,
                      image_width INTEGER NOT NULL,
                      image_height INTEGER NOT NULL,
                      crop_x REAL NOT NULL,
                      crop_y REAL NOT NULL,
                      crop_scale_x REAL NOT NULL,
                      crop_scale_y REAL NOT NULL,
                      crop_width INTEGER NOT NULL,
                      crop_height INTEGER NOT NULL,
                      status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN (%s)),
                      labeler TEXT,
                      estimated_error REAL,
                      source TEXT NOT NULL,
                      created_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL
                    )""".formatted(STATUSES),
                    "CREATE INDEX items_status ON items(status, id)",
                    "CREATE INDEX items_labeler ON items(labeler, id)",
                    "CREATE INDEX items_error ON items(estimated_error, id)",
                    """
                    CREATE TABLE meshes (
                      item_id INTEGER PRIMARY KEY REFERENCES items(id),
                      vertex_count INTEGER NOT NULL,
                      original_vertices BLOB NOT NULL CHECK (length(original_vertices) = 12 * vertex_count),
                      current_vertices BLOB NOT NULL CHECK (length(current_vertices) = 12 * vertex_count),
                      joints_3d BLOB NOT NULL,
                      camera BLOB NOT NULL CHECK (length(camera) = 12)
                    )""",
                    """
                    CREATE TABLE joints_2d (
                      item_id INTEGER NOT NULL REFERENCES items(id),
                      joint INTEGER NOT NULL,
                      x REAL NOT NULL,
                      y REAL NOT NULL,
                      visible INTEGER NOT NULL CHECK (visible IN (0, 1)),
                      original_x REAL NOT NULL,
                      original_y REAL NOT NULL,
                      original_visible INTEGER NOT NULL CHECK (original_visible IN (0, 1)),
                      PRIMARY KEY (item_id, joint)
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE comments (
                      id INTEGER PRIMARY KEY,
                      item_id INTEGER NOT NULL REFERENCES items(id),
                      author TEXT NOT NULL,
                      created_at INTEGER NOT NULL,
                      text TEXT NOT NULL
                    )""",
                    "CREATE INDEX comments_item ON comments(item_id, id)",
                    """
                    CREATE TABLE history (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      item_id INTEGER NOT NULL REFERENCES items(id),
                      author TEXT NOT NULL,
                      created_at INTEGER NOT NULL,
                      kind TEXT NOT NULL,
                      target TEXT NOT NULL CHECK (target IN ('joints2d', 'mesh', 'status')),
                      reverts INTEGER REFERENCES history(id),
                      detail TEXT NOT NULL,
                      before BLOB NOT NULL,
                      after BLOB NOT NULL
                    )""",
                    "CREATE INDEX history_item ON history(item_id, id)",
                    // Undo and redo append entries; nothing may rewrite or drop what was recorded.
                    """
                    CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
                    BEGIN SELECT RAISE(ABORT, 'the edit history is append-only'); END""",
                    """
                    CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
                    BEGIN SELECT RAISE(ABORT, 'the edit history is append-only'); END""")),
            new Migration(2, "SMPL parameters of items imported from them (for the METRO TSV export); the camera "
                    + "as imported (a refit changes the current one)", List.of(
                    "ALTER TABLE meshes ADD COLUMN original_camera BLOB CHECK (original_camera IS NULL "
                            + "OR length(original_camera) = 12)",
                    """
                    CREATE TABLE smpl_params (
                      item_id INTEGER PRIMARY KEY REFERENCES items(id),
                      pose BLOB NOT NULL,
                      betas BLOB NOT NULL,
                      gender TEXT,
                      source TEXT NOT NULL
                    )""")));

    private ProjectSchema() {
    }

    /** The schema version this Metroscope writes. */
    public static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }
}
