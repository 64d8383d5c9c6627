package io.metroscope.annotate;

import io.metroscope.body.MetroTemplate;
import io.metroscope.format.FormatException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The editing core: every change to an item (2D joint moves and visibility, joint rotations, global transforms,
 * status) is one transaction that updates the item and appends a history entry with the before and after state;
 * undo and redo append entries too, so the history is the whole story and the undo/redo stacks are derived from it
 * ({@link UndoStacks}). Each method returns the id of the history entry it committed.
 */
public final class ItemEditor {

    private final AnnotationProject project;
    private final ProjectDatabase db;
    private final MeshPoser poser;
    private final MetroTemplate template;
    /** Stacks of the items touched this session; valid because no other process writes the project. */
    private final Map<Long, UndoStacks> stacks = new HashMap<>();
    private MeshShaper shaper;

    ItemEditor(AnnotationProject project) {
        this.project = project;
        this.db = project.database();
        this.poser = new MeshPoser(project.template().rig());
        this.template = project.template().template();
    }

    /** The mesh edits' poser (for previews that must match what an edit will store). */
    public MeshPoser poser() {
        return poser;
    }

    /** Everything about one item. */
    public synchronized ItemSnapshot snapshot(long itemId) throws FormatException {
        UndoStacks s = stacks(itemId);
        return db.read(c -> {
            AnnotatedItem item = ItemTable.item(c, itemId);
            if (item == null) {
                throw new SQLException("item " + itemId + " does not exist");
            }
            Long undo = s.nextUndo();
            Long redo = s.nextRedo();
            return new ItemSnapshot(item, project.imageFile(item.summary().imagePath()), MeshTable.get(c, itemId),
                    JointTable.get(c, itemId, false), JointTable.get(c, itemId, true), CommentTable.list(c, itemId),
                    s.undoDepth(), s.redoDepth(), undo == null ? null : HistoryTable.get(c, undo),
                    redo == null ? null : HistoryTable.get(c, redo));
        });
    }

    /** Moves 2D joint {@code joint} to image pixel ({@code x}, {@code y}). */
    public synchronized long moveJoint2d(long itemId, int joint, float x, float y) throws FormatException {
        return editJoints(itemId, EditKind.MOVE_JOINT_2D, String.format(Locale.ROOT, "%s to (%.1f, %.1f)",
                jointName(joint), x, y), j -> j.moved(joint, x, y));
    }

    /** Marks 2D joint {@code joint} visible or not. */
    public synchronized long setVisibility(long itemId, int joint, boolean visible) throws FormatException {
        return editJoints(itemId, EditKind.SET_VISIBILITY, jointName(joint) + (visible ? " visible" : " hidden"),
                j -> j.withVisibility(joint, visible));
    }

    /** Rotates kinematic joint {@code joint} by axis-angle {@code rotation} (radians, camera frame). */
    public synchronized long rotateJoint(long itemId, int joint, double[] rotation) throws FormatException {
        String name = project.template().rig().jointNames().get(joint);
        return editMesh(itemId, EditKind.ROTATE_JOINT, name + " by " + degrees(rotation),
                v -> poser.rotateJoint(v, joint, rotation));
    }

    /** Rotates the whole mesh about its root by axis-angle {@code rotation}. */
    public synchronized long rotateMesh(long itemId, double[] rotation) throws FormatException {
        return editMesh(itemId, EditKind.GLOBAL_ROTATE, "by " + degrees(rotation), v -> poser.rotate(v, rotation));
    }

    /** Moves the whole mesh by {@code delta} metres. */
    public synchronized long translateMesh(long itemId, double[] delta) throws FormatException {
        return editMesh(itemId, EditKind.GLOBAL_TRANSLATE, String.format(Locale.ROOT, "by (%.3f, %.3f, %.3f) m",
                delta[0], delta[1], delta[2]), v -> poser.translate(v, delta));
    }

    /** Scales the whole mesh about its root. */
    public synchronized long scaleMesh(long itemId, double factor) throws FormatException {
        return editMesh(itemId, EditKind.GLOBAL_SCALE, String.format(Locale.ROOT, "by %.3f", factor),
                v -> poser.scale(v, factor));
    }

    /**
     * Replaces the mesh by a refit's proposal: its vertices and camera, one undoable edit (undo restores both).
     */
    public synchronized long applyRefit(long itemId, RefitResult refit) throws FormatException {
        float[] vertices = refit.vertices();
        float[] camera = refit.camera();
        if (vertices.length != 3 * poser.vertexCount() || camera.length != 3) {
            throw new IllegalArgumentException("the refit has " + vertices.length / 3 + " vertices; the template "
                    + poser.vertexCount());
        }
        String detail = String.format(Locale.ROOT, "by %s: 2D error %.1f → %.1f px in %d steps", refit.modelId(),
                refit.errorBeforePx(), refit.errorAfterPx(), refit.steps());
        String author = project.author();
        long id = db.write(c -> {
            requireItem(c, itemId);
            float[] before = withCamera(MeshTable.current(c, itemId), MeshTable.camera(c, itemId));
            long now = System.currentTimeMillis();
            MeshTable.setCurrent(c, itemId, vertices, joints3d(vertices));
            MeshTable.setCamera(c, itemId, camera);
            ItemTable.touch(c, itemId, author, now);
            return HistoryTable.append(c, itemId, author, now, EditKind.REFIT, EditTarget.MESH, null, detail,
                    Blobs.of(before), Blobs.of(withCamera(vertices, camera)));
        });
        stacks(itemId).apply(new UndoStacks.Step(id, EditKind.REFIT, null));
        return id;
    }

    /**
     * Changes the body shape by {@code deltaBetas} along the template's shape directions, in the mesh's current pose
     * ({@link MeshShaper}); one undoable edit.
     */
    public synchronized long reshape(long itemId, double[] deltaBetas) throws FormatException {
        StringBuilder detail = new StringBuilder();
        java.util.List<String> names = project.template().rig().shapeNames();
        for (int k = 0; k < deltaBetas.length; k++) {
            if (deltaBetas[k] != 0) {
                detail.append(detail.length() == 0 ? "" : ", ").append(k < names.size() ? names.get(k) : "shape " + k)
                        .append(String.format(Locale.ROOT, " %+.2f", deltaBetas[k]));
            }
        }
        return editMesh(itemId, EditKind.RESHAPE, detail.toString(), v -> shaper().reshape(v, deltaBetas));
    }

    /** The shape edits' shaper (for previews that must match what an edit will store). */
    public synchronized MeshShaper shaper() {
        if (shaper == null) {
            shaper = new MeshShaper(project.template());
        }
        return shaper;
    }

    private static float[] withCamera(float[] vertices, float[] camera) {
        float[] out = java.util.Arrays.copyOf(vertices, vertices.length + 3);
        System.arraycopy(camera, 0, out, vertices.length, 3);
        return out;
    }

    /** Sets the review status (accept, reject, flag for review, …); undoable like any edit. */
    public synchronized long setStatus(long itemId, ItemStatus status) throws FormatException {
        String author = project.author();
        long id = db.write(c -> {
            ItemSummary row = requireItem(c, itemId);
            long now = System.currentTimeMillis();
            ItemTable.touch(c, itemId, author, now);
            ItemTable.setStatus(c, itemId, status, now);
            return HistoryTable.append(c, itemId, author, now, EditKind.SET_STATUS, EditTarget.STATUS, null,
                    row.status().label() + " → " + status.label(), text(row.status().id()), text(status.id()));
        });
        stacks(itemId).apply(new UndoStacks.Step(id, EditKind.SET_STATUS, null));
        return id;
    }

    /** Reverts the item's latest edit that is not undone yet; returns the undo entry's id, or null if none. */
    public synchronized Long undo(long itemId) throws FormatException {
        return reverse(itemId, stacks(itemId).nextUndo(), EditKind.UNDO);
    }

    /** Re-applies the item's last undone edit; returns the redo entry's id, or null if none. */
    public synchronized Long redo(long itemId) throws FormatException {
        return reverse(itemId, stacks(itemId).nextRedo(), EditKind.REDO);
    }

    /** Adds a comment (not part of undo). */
    public long comment(long itemId, String text) throws FormatException {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a comment needs some text");
        }
        String author = project.author();
        return db.write(c -> {
            requireItem(c, itemId);
            return CommentTable.add(c, itemId, author, System.currentTimeMillis(), text.strip());
        });
    }

    /** Assigns the item to a labeler (null: nobody); not part of undo. */
    public void assign(long itemId, String labeler) throws FormatException {
        db.write(c -> {
            ItemTable.setLabeler(c, itemId, labeler == null || labeler.isBlank() ? null : labeler.strip(),
                    System.currentTimeMillis());
            return null;
        });
    }

    /** The item's history, oldest first, without payloads. */
    public java.util.List<HistoryEntry> history(long itemId) throws FormatException {
        return db.read(c -> HistoryTable.list(c, itemId));
    }

    private long editJoints(long itemId, EditKind kind, String detail, UnaryOperator<Joints2d> change)
            throws FormatException {
        String author = project.author();
        long id = db.write(c -> {
            requireItem(c, itemId);
            Joints2d before = JointTable.get(c, itemId, false);
            Joints2d after = change.apply(before);
            long now = System.currentTimeMillis();
            JointTable.set(c, itemId, after);
            ItemTable.touch(c, itemId, author, now);
            return HistoryTable.append(c, itemId, author, now, kind, EditTarget.JOINTS_2D, null, detail,
                    Blobs.of(before.toArray()), Blobs.of(after.toArray()));
        });
        stacks(itemId).apply(new UndoStacks.Step(id, kind, null));
        return id;
    }

    private long editMesh(long itemId, EditKind kind, String detail, UnaryOperator<float[]> change)
            throws FormatException {
        String author = project.author();
        long id = db.write(c -> {
            requireItem(c, itemId);
            float[] before = MeshTable.current(c, itemId);
            float[] after = change.apply(before);
            long now = System.currentTimeMillis();
            MeshTable.setCurrent(c, itemId, after, joints3d(after));
            ItemTable.touch(c, itemId, author, now);
            return HistoryTable.append(c, itemId, author, now, kind, EditTarget.MESH, null, detail, Blobs.of(before),
                    Blobs.of(after));
        });
        stacks(itemId).apply(new UndoStacks.Step(id, kind, null));
        return id;
    }

    private Long reverse(long itemId, Long target, EditKind kind) throws FormatException {
        if (target == null) {
            return null;
        }
        String author = project.author();
        long id = db.write(c -> {
            HistoryEntry e = HistoryTable.get(c, target);
            if (e == null || e.itemId() != itemId) {
                throw new SQLException("history entry " + target + " of item " + itemId + " is missing");
            }
            byte[] from = kind == EditKind.UNDO ? e.after() : e.before();
            byte[] to = kind == EditKind.UNDO ? e.before() : e.after();
            long now = System.currentTimeMillis();
            ItemTable.touch(c, itemId, author, now);
            apply(c, itemId, e.target(), to, now);
            return HistoryTable.append(c, itemId, author, now, kind, e.target(), e.id(),
                    kind.label() + " " + e.kind().label() + " " + e.detail(), from, to);
        });
        stacks(itemId).apply(new UndoStacks.Step(id, kind, target));
        return id;
    }

    private void apply(Connection c, long itemId, EditTarget target, byte[] state, long now) throws SQLException {
        switch (target) {
            case JOINTS_2D -> JointTable.set(c, itemId, Joints2d.of(Blobs.floats(state)));
            case MESH -> {
                float[] v = Blobs.floats(state);
                if (v.length == 3 * poser.vertexCount() + 3) {
                    MeshTable.setCamera(c, itemId, java.util.Arrays.copyOfRange(v, v.length - 3, v.length));
                    v = java.util.Arrays.copyOf(v, v.length - 3);
                }
                MeshTable.setCurrent(c, itemId, v, joints3d(v));
            }
            case STATUS -> ItemTable.setStatus(c, itemId, ItemStatus.fromId(new String(state,
                    StandardCharsets.UTF_8)), now);
        }
    }

    private UndoStacks stacks(long itemId) throws FormatException {
        UndoStacks s = stacks.get(itemId);
        if (s == null) {
            s = UndoStacks.replay(db.read(c -> HistoryTable.steps(c, itemId)));
            stacks.put(itemId, s);
        }
        return s;
    }

    /** Token joints regressed from a mesh of the template's topology, as the post-processing does. */
    float[] joints3d(float[] vertices) {
        return MeshPoser.toFloats(template.tokenJointsOf(MeshPoser.toDoubles(vertices)));
    }

    private String jointName(int joint) {
        java.util.List<String> names = template.tokenJointNames();
        return joint >= 0 && joint < names.size() ? names.get(joint) : "joint " + joint;
    }

    private static ItemSummary requireItem(Connection c, long itemId) throws SQLException {
        ItemSummary row = ItemTable.summary(c, itemId);
        if (row == null) {
            throw new SQLException("item " + itemId + " does not exist");
        }
        return row;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String degrees(double[] r) {
        double angle = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        if (angle == 0) {
            return "0°";
        }
        return String.format(Locale.ROOT, "%.1f° about (%.2f, %.2f, %.2f)", Math.toDegrees(angle), r[0] / angle,
                r[1] / angle, r[2] / angle);
    }
}
