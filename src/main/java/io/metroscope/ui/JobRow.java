package io.metroscope.ui;

import io.metroscope.jobs.JobSnapshot;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/** One background job in the status bar: title, progress, message and Cancel. */
final class JobRow extends HBox {

    private final Label title = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label message = new Label();
    private final Button cancel = new Button("Cancel");

    JobRow(JobSnapshot first, Runnable onCancel) {
        getStyleClass().add("job-row");
        setId("job-" + first.id());
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        title.getStyleClass().add("job-title");
        title.setMaxWidth(220);
        progress.setPrefWidth(120);
        message.getStyleClass().add("job-message");
        message.setMaxWidth(200);
        cancel.getStyleClass().add("job-cancel");
        cancel.setOnAction(e -> onCancel.run());
        getChildren().addAll(title, progress, message, cancel);
        update(first);
    }

    void update(JobSnapshot s) {
        title.setText(s.title());
        progress.setProgress(s.progress() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : s.progress());
        message.setText(s.message());
        cancel.setDisable(s.state().isFinished());
    }
}
