package io.metroscope.annotate;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the editor shows of one item, read in one transaction.
 *
 * @param item           the item's facts and queue row
 * @param imageFile      its image, absolute
 * @param mesh           original and current mesh, 3D joints, camera
 * @param joints         current 2D joints (image pixels, with visibility)
 * @param originalJoints 2D joints as imported
 * @param comments       notes, oldest first
 * @param undoDepth      edits an undo can revert
 * @param redoDepth      undone edits a redo can re-apply
 * @param nextUndo       what undo would revert (null: nothing)
 * @param nextRedo       what redo would re-apply (null: nothing)
 */
public record ItemSnapshot(AnnotatedItem item, Path imageFile, MeshState mesh, Joints2d joints,
        Joints2d originalJoints, List<Comment> comments, int undoDepth, int redoDepth, HistoryEntry nextUndo,
        HistoryEntry nextRedo) {

    public ItemSnapshot {
        comments = List.copyOf(comments);
    }

    public long id() {
        return item.id();
    }

    public ItemStatus status() {
        return item.summary().status();
    }
}
