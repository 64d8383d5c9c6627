package io.metroscope.ui;

import io.metroscope.jobs.Job;
import io.metroscope.jobs.JobService;
import io.metroscope.jobs.JobSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/** The job area of the status bar: a row per running job; finished rows fade out after a moment. */
final class JobsView extends HBox {

    private final Map<Long, JobRow> rows = new HashMap<>();
    private final Map<Long, Job<?>> handles = new ConcurrentHashMap<>();
    private final Consumer<JobSnapshot> onFailure;

    JobsView(JobService jobs, Consumer<JobSnapshot> onFailure) {
        this.onFailure = onFailure;
        setId("jobs");
        setSpacing(12);
        setAlignment(Pos.CENTER_RIGHT);
        jobs.addListener(s -> Platform.runLater(() -> show(s)));
    }

    /** Remembers a job's handle so its Cancel button can reach it. */
    void track(Job<?> job) {
        handles.put(job.id(), job);
    }

    private void show(JobSnapshot s) {
        JobRow row = rows.get(s.id());
        if (row == null) {
            if (s.state().isFinished() && !handles.containsKey(s.id())) {
                return;
            }
            row = new JobRow(s, () -> cancel(s.id()));
            rows.put(s.id(), row);
            getChildren().add(row);
        }
        row.update(s);
        if (s.state().isFinished()) {
            handles.remove(s.id());
            if (s.error() != null) {
                onFailure.accept(s);
            }
            JobRow done = row;
            PauseTransition linger = new PauseTransition(Duration.seconds(3));
            linger.setOnFinished(e -> {
                getChildren().remove(done);
                rows.remove(s.id());
            });
            linger.play();
        }
    }

    private void cancel(long id) {
        Job<?> job = handles.get(id);
        if (job != null) {
            job.cancel();
        }
    }
}
