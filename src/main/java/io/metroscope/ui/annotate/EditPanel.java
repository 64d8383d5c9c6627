package io.metroscope.ui.annotate;

import io.metroscope.annotate.Comment;
import io.metroscope.annotate.ItemSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The editing controls beside the views: the selected 2D joint and its visibility, joint rotations on the kinematic
 * tree, global rotate/move/scale, undo/redo, review buttons and comments. Every button is one undoable edit.
 */
final class EditPanel extends VBox {

    /** One step of the rotation and move buttons. */
    static final double ROTATION_STEP = Math.toRadians(5);
    static final double MOVE_STEP = 0.01;
    static final double SCALE_STEP = 1.05;

    private final AnnotateSession session;
    private final Label jointLabel = new Label("No joint selected: click one in the image");
    private final CheckBox visible = new CheckBox("Visible (V)");
    private final ComboBox<String> rigJoint = new ComboBox<>();
    private final Button undo = new Button("Undo");
    private final Button redo = new Button("Redo");
    private final Label itemLabel = new Label();
    private final ListView<String> comments = new ListView<>();
    private final TextField comment = new TextField();
    private final IntSupplier selectedJoint;
    private List<String> tokenNames = List.of();
    private boolean updating;

    EditPanel(AnnotateSession session, IntSupplier selectedJoint) {
        this.session = session;
        this.selectedJoint = selectedJoint;
        setId("annotate-edit");
        setSpacing(6);
        setPadding(new Insets(6));
        setPrefWidth(260);

        itemLabel.setId("annotate-item");
        itemLabel.setWrapText(true);
        jointLabel.setId("annotate-joint");
        visible.setId("annotate-visible");
        visible.selectedProperty().addListener((o, a, v) -> {
            int j = selectedJoint.getAsInt();
            if (!updating && j >= 0) {
                session.setVisibility(j, v);
            }
        });

        rigJoint.setId("annotate-rig-joint");
        rigJoint.setMaxWidth(Double.MAX_VALUE);
        rigJoint.setTooltip(new Tooltip("The kinematic joint the rotation buttons turn (its subtree follows by "
                + "linear blend skinning)"));
        GridPane rotate = axisButtons("joint", axisAngle -> {
            int j = rigJoint.getSelectionModel().getSelectedIndex();
            if (j >= 0) {
                session.rotateJoint(j, axisAngle);
            }
        });
        GridPane global = axisButtons("mesh", session::rotateMesh);
        Button left = button("←", "move-left", () -> session.translateMesh(new double[] {-MOVE_STEP, 0, 0}));
        Button right = button("→", "move-right", () -> session.translateMesh(new double[] {MOVE_STEP, 0, 0}));
        Button up = button("↑", "move-up", () -> session.translateMesh(new double[] {0, -MOVE_STEP, 0}));
        Button down = button("↓", "move-down", () -> session.translateMesh(new double[] {0, MOVE_STEP, 0}));
        Button smaller = button("−5%", "scale-down", () -> session.scaleMesh(1 / SCALE_STEP));
        Button larger = button("+5%", "scale-up", () -> session.scaleMesh(SCALE_STEP));
        HBox move = new HBox(3, left, right, up, down, smaller, larger);

        undo.setId("annotate-undo");
        undo.setOnAction(e -> session.undo());
        redo.setId("annotate-redo");
        redo.setOnAction(e -> session.redo());
        HBox history = new HBox(4, undo, redo);
        Button accept = button("Accept (A)", "annotate-accept", session::accept);
        Button reject = button("Reject (R)", "annotate-reject", session::reject);
        Button flag = button("Flag (F)", "annotate-flag", session::flag);
        HBox review = new HBox(4, accept, reject, flag);

        comments.setId("annotate-comments");
        comments.setPrefHeight(90);
        comment.setId("annotate-comment");
        comment.setPromptText("Comment, then Enter");
        comment.setOnAction(e -> {
            if (!comment.getText().isBlank()) {
                session.comment(comment.getText());
                comment.clear();
            }
        });
        VBox.setVgrow(comments, Priority.ALWAYS);
        getChildren().addAll(itemLabel, new Separator(), new Label("2D joint"), jointLabel, visible, new Separator(),
                new Label("Rotate joint (5° steps, or drag its rings in 3D)"), rigJoint, rotate, new Separator(), new Label("Whole mesh"), global,
                move, new Separator(), history, review, new Separator(), new Label("Comments"), comments, comment);
        session.currentProperty().addListener((o, a, s) -> show(s));
        show(null);
    }

    /** The index of the kinematic joint the rotation buttons and the 3D gizmo turn (−1: none). */
    javafx.beans.property.ReadOnlyIntegerProperty rigJointProperty() {
        return rigJoint.getSelectionModel().selectedIndexProperty();
    }

    /** The names of the 2D (token) joints and the kinematic joints of the project's template. */
    void setJointNames(List<String> tokens, List<String> rig) {
        tokenNames = tokens;
        rigJoint.getItems().setAll(rig);
        if (!rig.isEmpty()) {
            rigJoint.getSelectionModel().select(Math.min(1, rig.size() - 1));
        }
    }

    /** Shows the selected 2D joint's name and visibility. */
    void showJoint(ItemSnapshot s) {
        int j = selectedJoint.getAsInt();
        updating = true;
        try {
            if (s == null || j < 0 || j >= s.joints().count()) {
                jointLabel.setText("No joint selected: click one in the image");
                visible.setDisable(true);
                visible.setSelected(false);
            } else {
                jointLabel.setText(String.format(Locale.ROOT, "%s at (%.1f, %.1f)", j < tokenNames.size()
                        ? tokenNames.get(j) : "joint " + j, s.joints().x(j), s.joints().y(j)));
                visible.setDisable(false);
                visible.setSelected(s.joints().visible(j));
            }
        } finally {
            updating = false;
        }
    }

    private void show(ItemSnapshot s) {
        setDisable(s == null);
        if (s == null) {
            itemLabel.setText("No item");
            comments.getItems().clear();
            undo.setText("Undo");
            redo.setText("Redo");
            showJoint(null);
            return;
        }
        itemLabel.setText(String.format(Locale.ROOT, "Item %d: %s\n%s · %s", s.id(), s.item().summary().imagePath(),
                s.status().label(), s.item().source()));
        undo.setDisable(s.nextUndo() == null);
        redo.setDisable(s.nextRedo() == null);
        undo.setText(s.nextUndo() == null ? "Undo" : "Undo " + s.nextUndo().kind().label());
        redo.setText(s.nextRedo() == null ? "Redo" : "Redo " + s.nextRedo().kind().label());
        undo.setTooltip(new Tooltip(s.nextUndo() == null ? "Nothing to undo" : s.nextUndo().detail() + " (Ctrl+Z)"));
        redo.setTooltip(new Tooltip(s.nextRedo() == null ? "Nothing to redo"
                : s.nextRedo().detail() + " (Ctrl+Shift+Z)"));
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
        comments.getItems().setAll(s.comments().stream().map((Comment c) -> c.author() + ", "
                + time.format(Instant.ofEpochMilli(c.createdAt())) + ": " + c.text()).toList());
        showJoint(s);
    }

    private interface Rotation {
        void rotate(double[] axisAngle);
    }

    private static GridPane axisButtons(String what, Rotation action) {
        GridPane grid = new GridPane();
        grid.setHgap(3);
        grid.setVgap(3);
        String[] axes = {"X", "Y", "Z"};
        for (int a = 0; a < 3; a++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double[] r = new double[3];
                r[a] = sign * ROTATION_STEP;
                Button b = button(axes[a] + (sign < 0 ? "−" : "+"), "rotate-" + what + "-" + axes[a].toLowerCase(
                        Locale.ROOT) + (sign < 0 ? "-minus" : "-plus"), () -> action.rotate(r.clone()));
                grid.add(b, a, sign < 0 ? 0 : 1);
            }
        }
        return grid;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }
}
