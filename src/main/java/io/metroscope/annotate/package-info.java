/**
 * Annotation projects: one SQLite file per project holding items, meshes, 2D joints, review state, comments and an
 * append-only edit history (undo/redo is derived from it); the review queue, the editing core (2D joints, joint
 * rotations by linear blend skinning, global transforms), import from images, reconstructions and meshes, and
 * export to training folders and per-item files. No JavaFX here.
 */
package io.metroscope.annotate;
