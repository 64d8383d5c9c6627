package io.metroscope.ui.finetune;

import io.metroscope.train.TrainingPreview;
import io.metroscope.ui.FxImages;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;

/**
 * The fixed preview items side by side: the crop, the prediction of the starting weights and that of the best
 * weights so far, one row per item.
 */
final class PreviewGrid extends GridPane {

    private static final double SIDE = 128;
    private static final int MAX_ROWS = 4;

    private final Label beforeCaption = caption("Before training");
    private final Label afterCaption = caption("After: best so far");
    private final ImageView[][] views = new ImageView[MAX_ROWS][3];
    private final Label[] itemLabels = new Label[MAX_ROWS];
    private int afterShown;

    PreviewGrid() {
        setId("finetune-preview");
        setHgap(4);
        setVgap(4);
        add(caption("Item"), 0, 0);
        add(beforeCaption, 1, 0);
        add(afterCaption, 2, 0);
        beforeCaption.setId("finetune-preview-before-caption");
        afterCaption.setId("finetune-preview-after-caption");
        for (int r = 0; r < MAX_ROWS; r++) {
            for (int c = 0; c < 3; c++) {
                ImageView v = new ImageView();
                v.setFitWidth(SIDE);
                v.setFitHeight(SIDE);
                v.setPreserveRatio(true);
                v.setId("finetune-preview-" + r + "-" + c);
                views[r][c] = v;
                add(v, c, 2 * r + 2);
            }
            itemLabels[r] = caption("");
            add(itemLabels[r], 0, 2 * r + 1);
        }
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("finetune-caption");
        l.setWrapText(true);
        l.setMaxWidth(SIDE);
        l.setAlignment(Pos.CENTER_LEFT);
        return l;
    }

    /** Shows predictions: {@code initial} ones (with their crops) in the middle column, later ones on the right. */
    void show(List<TrainingPreview.Panel> panels, boolean initial, String label) {
        int n = Math.min(MAX_ROWS, panels.size());
        for (int r = 0; r < n; r++) {
            TrainingPreview.Panel p = panels.get(r);
            if (initial) {
                views[r][0].setImage(FxImages.of(p.crop()));
                itemLabels[r].setText("item " + p.item());
            }
            views[r][initial ? 1 : 2].setImage(FxImages.of(p.render()));
        }
        if (initial) {
            beforeCaption.setText("Before: " + label);
        } else {
            afterCaption.setText("After: " + label);
            afterShown++;
        }
    }

    /** How many "after" updates were shown since the last {@link #clear}. */
    int afterUpdates() {
        return afterShown;
    }

    /** Whether the "before" column holds predictions. */
    boolean hasBefore() {
        return views[0][1].getImage() != null;
    }

    void clear() {
        for (ImageView[] row : views) {
            for (ImageView v : row) {
                v.setImage(null);
            }
        }
        for (Label l : itemLabels) {
            l.setText("");
        }
        beforeCaption.setText("Before training");
        afterCaption.setText("After: best so far");
        afterShown = 0;
    }
}
