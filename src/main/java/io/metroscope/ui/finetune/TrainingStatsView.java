package io.metroscope.ui.finetune;

import io.metroscope.platform.ProcessMemory;
import io.metroscope.train.Trainer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** The run's figures beside the charts: position, throughput, data wait, times, learning rate, loss and memory. */
final class TrainingStatsView extends GridPane {

    private final Map<String, Label> values = new LinkedHashMap<>();

    TrainingStatsView() {
        setId("finetune-stats");
        setHgap(10);
        setVgap(2);
        String[] names = {"Epoch", "Step", "Loss", "Learning rate", "Samples/s", "Data wait", "Elapsed", "ETA",
            "Memory", "Device memory"};
        for (int i = 0; i < names.length; i++) {
            Label value = new Label("—");
            value.getStyleClass().add("finetune-stat-value");
            value.setId("finetune-stat-" + names[i].toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-"));
            values.put(names[i], value);
            // Two columns of name/value pairs keep the block short beside the charts.
            add(new Label(names[i]), (i % 2) * 2, i / 2);
            add(value, (i % 2) * 2 + 1, i / 2);
        }
    }

    /** Updates the position, loss and learning rate from the newest batch report. */
    void showProgress(Trainer.Progress p) {
        if (p.batch() >= 0) {
            set("Epoch", String.format(Locale.ROOT, "%d / %d (batch %d / %d)", p.epoch() + 1, p.epochs(), p.batch(),
                    p.batches()));
            set("Loss", String.format(Locale.ROOT, "%.5g", p.loss()));
        } else {
            set("Epoch", String.format(Locale.ROOT, "%d / %d done", p.epoch() + 1, p.epochs()));
        }
        set("Step", String.valueOf(p.steps()));
        set("Learning rate", String.format(Locale.ROOT, "%.2e", p.learningRate()));
    }

    void showClock(RunClock clock, long now, long samplesLeft) {
        double sps = clock.samplesPerSecond();
        set("Samples/s", Double.isNaN(sps) ? "—" : String.format(Locale.ROOT, "%.2f", sps));
        double wait = clock.dataWait();
        // A high share says the loader, not the model, sets the pace (more loader workers, faster storage).
        set("Data wait", Double.isNaN(wait) ? "—" : String.format(Locale.ROOT, "%.0f %% of the time", 100 * wait));
        set("Elapsed", RunClock.format(clock.elapsedSeconds(now)));
        set("ETA", samplesLeft <= 0 ? "—" : RunClock.format(clock.etaSeconds(samplesLeft)));
    }

    void showMemory(ProcessMemory m) {
        set("Memory", m.hostSummary());
        set("Device memory", m.deviceSummary());
    }

    private void set(String name, String text) {
        values.get(name).setText(text);
    }

    /** The value shown for {@code name} (as labelled). */
    String value(String name) {
        return values.get(name).getText();
    }
}
