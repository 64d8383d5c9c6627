package io.metroscope.ui;

import io.metroscope.jobs.JobService;
import io.metroscope.jobs.JobSnapshot;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom bar: compute device, loaded model, and the background jobs. */
final class StatusBar extends HBox {

    private final Label device = new Label("Device: detecting…");
    private final Label model = new Label("Model: none");
    private final JobsView jobs;

    StatusBar(JobService jobService, Consumer<JobSnapshot> onFailure) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        setPadding(new Insets(4, 8, 4, 8));
        device.setId("status-device");
        model.setId("status-model");
        // The device and model stay readable; the job area gives way first.
        device.setMinWidth(Region.USE_PREF_SIZE);
        model.setMinWidth(Region.USE_PREF_SIZE);
        jobs = new JobsView(jobService, onFailure);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(device, new Separator(Orientation.VERTICAL), model, spacer, jobs);
    }

    void setDevice(String text) {
        device.setText("Device: " + text);
    }

    void setModel(String text) {
        model.setText("Model: " + text);
    }

    JobsView jobs() {
        return jobs;
    }
}
