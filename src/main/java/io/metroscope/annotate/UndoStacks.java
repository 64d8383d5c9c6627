package io.metroscope.annotate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * An item's undo and redo stacks, derived by replaying its history in commit order: an edit is pushed on the undo
 * stack and clears the redo stack; an undo entry moves the edit it reverts to the redo stack; a redo entry moves it
 * back. Nothing else is stored, so the stacks are unbounded and survive restarts.
 */
public final class UndoStacks {

    /** The part of a history row replay needs. */
    public record Step(long id, EditKind kind, Long reverts) {
    }

    private final Deque<Long> done = new ArrayDeque<>();
    private final Deque<Long> undone = new ArrayDeque<>();

    private UndoStacks() {
    }

    /** The stacks after {@code steps} (one item's history, in id order). */
    public static UndoStacks replay(List<Step> steps) {
        UndoStacks s = new UndoStacks();
        for (Step step : steps) {
            s.apply(step);
        }
        return s;
    }

    /** Applies one more step, as its entry was appended. */
    public void apply(Step step) {
        switch (step.kind()) {
            case UNDO -> {
                done.remove(step.reverts());
                undone.push(step.reverts());
            }
            case REDO -> {
                undone.remove(step.reverts());
                done.push(step.reverts());
            }
            default -> {
                done.push(step.id());
                undone.clear();
            }
        }
    }

    /** The edit an undo would revert, or null. */
    public Long nextUndo() {
        return done.peek();
    }

    /** The edit a redo would re-apply, or null. */
    public Long nextRedo() {
        return undone.peek();
    }

    public int undoDepth() {
        return done.size();
    }

    public int redoDepth() {
        return undone.size();
    }
}
