package io.metroscope.ui.annotate;

import io.metroscope.annotate.ItemStatus;
import io.metroscope.annotate.ItemSummary;
import io.metroscope.annotate.QueueFilter;
import io.metroscope.annotate.QueueProgress;
import io.metroscope.annotate.QueueSort;
import java.util.Locale;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The review queue: filters (status, labeler, estimated error), the order, progress and the item list. */
final class QueuePane extends VBox {

    private static final String ANY = "any status";

    private final AnnotateSession session;
    private final ListView<ItemSummary> list = new ListView<>();
    private final ChoiceBox<Object> status = new ChoiceBox<>();
    private final ComboBox<String> labeler = new ComboBox<>();
    private final TextField minError = new TextField();
    private final TextField maxError = new TextField();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label counts = new Label("No project");
    private boolean updating;

    QueuePane(AnnotateSession session) {
        this.session = session;
        setId("annotate-queue");
        setSpacing(6);
        setPadding(new Insets(6));
        setPrefWidth(280);

        status.setId("queue-status");
        status.getItems().add(ANY);
        status.getItems().addAll((Object[]) ItemStatus.values());
        status.setValue(ANY);
        status.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Object o) {
                return o instanceof ItemStatus s ? s.label() : String.valueOf(o);
            }

            @Override
            public Object fromString(String s) {
                return s;
            }
        });
        labeler.setId("queue-labeler");
        labeler.setEditable(true);
        labeler.setPromptText("any labeler");
        labeler.setItems(session.labelers());
        labeler.setMaxWidth(Double.MAX_VALUE);
        minError.setId("queue-min-error");
        minError.setPromptText("min mm");
        minError.setPrefColumnCount(5);
        maxError.setId("queue-max-error");
        maxError.setPromptText("max mm");
        maxError.setPrefColumnCount(5);
        ChoiceBox<QueueSort> sort = new ChoiceBox<>();
        sort.setId("queue-sort");
        sort.getItems().setAll(QueueSort.values());
        sort.valueProperty().bindBidirectional(session.sortProperty());

        status.valueProperty().addListener((o, a, b) -> applyFilter());
        labeler.valueProperty().addListener((o, a, b) -> applyFilter());
        minError.setOnAction(e -> applyFilter());
        maxError.setOnAction(e -> applyFilter());
        minError.focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                applyFilter();
            }
        });
        maxError.focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                applyFilter();
            }
        });

        bar.setId("queue-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        counts.setId("queue-counts");
        counts.setWrapText(true);
        session.progressProperty().addListener((o, a, p) -> showProgress(p));

        list.setId("queue-items");
        list.setItems(session.rows());
        list.setCellFactory(v -> new RowCell());
        list.setPlaceholder(new Label("No items: Import ▸ …"));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (!updating && row != null) {
                session.select(row.id());
            }
        });
        session.currentProperty().addListener((o, a, s) -> followCurrent());
        VBox.setVgrow(list, Priority.ALWAYS);

        HBox errors = new HBox(4, new Label("error"), minError, new Label("–"), maxError);
        errors.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(new Label("Queue"), status, labeler, errors, sort, bar, counts, list);
    }

    /** The item list (for tests and focus). */
    ListView<ItemSummary> list() {
        return list;
    }

    private void applyFilter() {
        Object s = status.getValue();
        Set<ItemStatus> statuses = s instanceof ItemStatus st ? Set.of(st) : Set.of();
        session.filterProperty().set(new QueueFilter(statuses, labeler.getValue(), number(minError),
                number(maxError)));
    }

    private static Double number(TextField field) {
        String text = field.getText() == null ? "" : field.getText().strip();
        if (text.isEmpty()) {
            field.setStyle("");
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            field.setStyle("");
            return v;
        } catch (NumberFormatException e) {
            field.setStyle("-fx-border-color: #e05a47");
            return null;
        }
    }

    private void showProgress(QueueProgress p) {
        if (p == null) {
            bar.setProgress(0);
            counts.setText("No project");
            return;
        }
        bar.setProgress(p.fractionDone());
        counts.setText(p.toString());
    }

    /** Keeps the list's selection on the session's current item (without selecting back into the session). */
    private void followCurrent() {
        int at = session.position();
        updating = true;
        try {
            if (at >= 0 && at < list.getItems().size()) {
                list.getSelectionModel().select(at);
                list.scrollTo(Math.max(0, at - 3));
            } else {
                list.getSelectionModel().clearSelection();
            }
        } finally {
            updating = false;
        }
    }

    private static final class RowCell extends ListCell<ItemSummary> {
        @Override
        protected void updateItem(ItemSummary row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setStyle("");
                return;
            }
            String name = row.imagePath().substring(row.imagePath().lastIndexOf('/') + 1);
            setText(String.format(Locale.ROOT, "#%d %s\n%s%s%s", row.id(), name, row.status().label(),
                    row.labeler() == null ? "" : " · " + row.labeler(),
                    row.estimatedError() == null ? "" : String.format(Locale.ROOT, " · %.0f mm", row.estimatedError())));
            setStyle("-fx-text-fill: " + switch (row.status()) {
                case ACCEPTED -> "#3f9d5a";
                case REJECTED -> "#c0503f";
                case NEEDS_REVIEW -> "#c89a2a";
                default -> "-fx-text-base-color";
            } + ";");
        }
    }
}
