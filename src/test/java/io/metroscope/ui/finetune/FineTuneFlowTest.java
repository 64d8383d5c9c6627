package io.metroscope.ui.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.app.AppServices;
import io.metroscope.model.MeshKind;
import io.metroscope.recon.InitCheckpoint;
import io.metroscope.train.Recipe;
import io.metroscope.ui.FxLookup;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import io.metroscope.ui.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Fine-tune tab end to end on a tiny synthetic body dataset: choose it, edit the recipe, train with the tiny
 * network while pausing, stopping and resuming, and open the best checkpoint in Reconstruct.
 */
@ExtendWith(ApplicationExtension.class)
class FineTuneFlowTest {

    /** Training items (one per batch, so a run has several steps to pause between). */
    static final int ITEMS = 6;

    @TempDir
    static Path home;

    private static Path data;
    private static Path validation;

    private AppServices services;
    private MainWindow window;
    private FineTuneWorkspace ws;

    /** Counted down once the test has asked for what follows the run's first step (a pause or a stop). */
    private final CountDownLatch askedAfterFirstStep = new CountDownLatch(1);

    @BeforeAll
    static void writeDatasets() throws Exception {
        data = TinyDatasets.write(home.resolve("data"), ITEMS, 1);
        validation = TinyDatasets.write(home.resolve("validation"), 2, 2);
    }

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.window(stage, services);
        ws = window.fineTuneWorkspace();
        stage.show();
    }

    @AfterEach
    void stop() {
        askedAfterFirstStep.countDown();
        services.close();
    }

    /**
     * Holds the training worker in its first step's progress report (made after that step's loss point is queued
     * for the charts) until {@link #askedAfterFirstStep}: the steps of a tiny run come faster than a loaded FX thread
     * may draw the first, and the run must not be over, or nearly, by the time the test has seen it and asked.
     */
    private void holdTheRunAfterItsFirstStep() {
        AtomicBoolean held = new AtomicBoolean();
        services.jobs().addListener(snapshot -> {
            if (snapshot.title().startsWith("Fine-tuning") && snapshot.progress() > 0
                    && held.compareAndSet(false, true)) {
                try {
                    askedAfterFirstStep.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    private <T extends javafx.scene.Node> T find(FxRobot robot, String id, Class<T> type) {
        return FxLookup.query(robot, id, type);
    }

    /** Chooses the datasets and a one-epoch demo recipe writing to {@code out}. */
    private void prepare(FxRobot robot, Path out, int epochs) throws Exception {
        robot.interact(() -> {
            window.showWorkspace(Workspace.FINE_TUNE);
            ws.chooseDataset(data);
            ws.chooseValidation(validation);
        });
        Label summary = find(robot, "#finetune-dataset-summary", Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> FxLookup.read(summary::getText).startsWith(ITEMS + " items"));
        Label val = find(robot, "#finetune-validation-summary", Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxLookup.read(val::getText).contains("2 items"));
        @SuppressWarnings("unchecked")
        ComboBox<String> preset = find(robot, "#recipe-preset", ComboBox.class);
        robot.interact(() -> {
            preset.getSelectionModel().select("official-hand");
            preset.getSelectionModel().select("demo");
            find(robot, "#recipe-epochs", TextField.class).setText(String.valueOf(epochs));
            find(robot, "#recipe-batch", TextField.class).setText("1");
            find(robot, "#recipe-limit", TextField.class).setText(String.valueOf(ITEMS));
            find(robot, "#recipe-output", TextField.class).setText(out.toString());
        });
    }

    @Test
    void chooseTrainPauseFinishAndOpenInReconstruct(FxRobot robot) throws Exception {
        // A folder that is not a training folder is named, with the fix.
        Path empty = Files.createDirectories(home.resolve("not-a-dataset"));
        robot.interact(() -> {
            window.showWorkspace(Workspace.FINE_TUNE);
            ws.chooseDataset(empty);
        });
        Label summary = find(robot, "#finetune-dataset-summary", Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> FxLookup.read(summary::getText).contains("not a training folder"));
        assertThat(summary.getText()).contains(empty.toString(), "metroscope synth", "Annotate");
        Button start = find(robot, "#finetune-start", Button.class);
        assertThat(start.isDisabled()).isTrue();

        Path out = home.resolve("run-a");
        prepare(robot, out, 1);
        assertThat(summary.getText()).isEqualTo(ITEMS + " items · body template (14 joints) · 224×224 px");
        assertThat(ws.dataset().thumbnails().getChildren()).hasSize(ITEMS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxLookup.read(() -> ws.dataset().thumbnails()
                .getChildren().stream().allMatch(n -> ((ImageView) n).getImage().getProgress() >= 1.0)));
        assertThat(((ImageView) ws.dataset().thumbnails().getChildren().get(0)).getImage().getWidth()).isEqualTo(64);

        // An invalid value is marked and blocks Start with the reason.
        TextField epochs = find(robot, "#recipe-epochs", TextField.class);
        robot.interact(() -> epochs.setText("0"));
        assertThat(start.isDisabled()).isTrue();
        assertThat(epochs.getStyleClass()).contains("field-invalid");
        assertThat(find(robot, "#finetune-start-reason", Label.class).getText()).contains("Epochs", "between 1");
        robot.interact(() -> epochs.setText("1"));
        assertThat(start.isDisabled()).isFalse();

        // "Start from" takes a checkpoint, a run's checkpoint folder or a model bundle's folder; a folder with
        // neither a bundle nor a model.pt in it is refused.
        TextField init = find(robot, "#recipe-init", TextField.class);
        robot.interact(() -> init.setText(home.toString()));
        assertThat(start.isDisabled()).isTrue();
        assertThat(find(robot, "#finetune-start-reason", Label.class).getText())
                .contains("Start from", "no checkpoint file, run checkpoint folder or model bundle at " + home);
        Path last = Files.createDirectories(home.resolve("earlier-run").resolve("last"));
        Files.writeString(last.resolve("model.pt"), "weights");
        robot.interact(() -> init.setText(last.toString()));
        assertThat(start.isDisabled()).isFalse();
        robot.interact(() -> init.setText(Path.of("assets", "models", "body-demo").toAbsolutePath().toString()));
        assertThat(start.isDisabled()).isFalse();
        robot.interact(() -> init.setText(""));

        // Every loss weight, the per-level vertex weights included, is editable and saved.
        robot.interact(() -> {
            find(robot, "#recipe-w-coarse", TextField.class).setText("0.2");
            find(robot, "#recipe-w-mid", TextField.class).setText("0.3");
            find(robot, "#recipe-w-full", TextField.class).setText("0.5");
        });
        TextField full = find(robot, "#recipe-w-full", TextField.class);
        robot.interact(() -> full.setText("-1"));
        assertThat(start.isDisabled()).isTrue();
        robot.interact(() -> full.setText("0.5"));

        // The recipe round-trips through JSON.
        Path json = home.resolve("recipe.json");
        robot.interact(() -> ws.saveRecipe(json));
        Recipe saved = Recipe.load(json.toString());
        assertThat(saved.epochs()).isEqualTo(1);
        assertThat(saved.batchSize()).isEqualTo(1);
        assertThat(saved.architecture()).isEqualTo("tiny");
        assertThat(saved.data()).isEqualTo(data.toString());
        assertThat(saved.validation()).isEqualTo(validation.toString());
        assertThat(List.of(saved.loss().coarse(), saved.loss().mid(), saved.loss().full())).containsExactly(0.2, 0.3, 0.5);

        holdTheRunAfterItsFirstStep();
        robot.interact(start::fire);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> FxLookup.read(() -> ws.charts().lossPointsShown(0)) >= 1);
        Button pause = find(robot, "#finetune-pause", Button.class);
        Button resume = find(robot, "#finetune-resume", Button.class);
        assertThat(pause.isDisabled()).as("still running after the first step").isFalse();
        robot.interact(pause::fire);
        askedAfterFirstStep.countDown();
        assertThat(ws.run().phaseProperty().get()).isEqualTo(FineTuneRun.Phase.PAUSED);
        assertThat(resume.isDisabled()).isFalse();
        Thread.sleep(1500); // held long enough that an unpaused tiny run would have moved on
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ws.run().phaseProperty().get()).isEqualTo(FineTuneRun.Phase.PAUSED);
        assertThat(ws.charts().lossPointsReceived(0)).as("paused before the last step").isLessThan(ITEMS);
        robot.interact(resume::fire);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS,
                () -> ws.run().phaseProperty().get() == FineTuneRun.Phase.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();

        Label message = find(robot, "#finetune-message", Label.class);
        assertThat(message.getText()).startsWith("Finished: " + ITEMS + " steps").contains("validation PA-MPJPE");
        assertThat(ws.charts().lossPointsShown(0)).isEqualTo(ITEMS);
        assertThat(ws.charts().lossPointsShown(2)).isEqualTo(ITEMS);
        assertThat(ws.charts().metricPointsShown(0)).isEqualTo(1);
        assertThat(ws.previewGrid().hasBefore()).isTrue();
        assertThat(ws.previewGrid().afterUpdates()).isEqualTo(1);
        assertThat(ws.stats().value("Step")).isEqualTo(String.valueOf(ITEMS));
        assertThat(ws.stats().value("Memory")).contains("heap", "RSS");
        assertThat(ws.stats().value("Device memory")).isEqualTo("n/a");
        assertThat(ws.ticks()).as("the display is refreshed by the timer, not per event").isPositive();
        assertThat(out.resolve("best/model.pt")).exists();

        Button open = find(robot, "#finetune-open-in-reconstruct", Button.class);
        assertThat(open.isDisabled()).isFalse();
        robot.interact(open::fire);
        TabPane tabs = find(robot, "#workspaces", TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Reconstruct");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> window.reconstructWorkspace().session().modelProperty().get() != null);
        assertThat(window.reconstructWorkspace().session().modelProperty().get().spec().checkpoint())
                .isEqualTo(out.resolve("best/model.pt"));
        Label status = find(robot, "#status-model", Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> FxLookup.read(status::getText).contains("model.pt"));
        assertThat(status.getText()).contains("body METRO");
    }

    @Test
    void startFromTheBundledBodyDemoModelTakesItsNetworkAndRandomWeightsClearsIt(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.showWorkspace(Workspace.FINE_TUNE);
            find(robot, "#recipe-preset", ComboBox.class).getSelectionModel().select("demo");
        });
        @SuppressWarnings("unchecked")
        ComboBox<String> architecture = find(robot, "#recipe-architecture", ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<MeshKind> kind = find(robot, "#recipe-kind", ComboBox.class);
        TextField init = find(robot, "#recipe-init", TextField.class);
        TextField heads = find(robot, "#recipe-heads", TextField.class);
        assertThat(architecture.getValue()).isEqualTo("tiny");

        robot.clickOn(FxLookup.visible(robot, "#recipe-init-menu"))
                .clickOn(FxLookup.visible(robot, "Bundled body demo model"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !FxLookup.read(init::getText).isEmpty());
        String chosen = FxLookup.read(init::getText);
        Path bundle = Path.of(chosen);
        assertThat(bundle.getFileName()).hasToString("body-demo");
        assertThat(bundle.resolve("model.metro.json")).isRegularFile();
        assertThat(FxLookup.read(architecture::getValue)).isEqualTo("small");
        assertThat(FxLookup.<String>read(heads::getText)).isEqualTo("4");
        assertThat(FxLookup.read(kind::getValue)).isEqualTo(MeshKind.BODY);
        assertThat(FxLookup.read(() -> find(robot, "#finetune-message", Label.class).getText()))
                .isEqualTo("Runs start from " + bundle + ".");
        // the start it set is one training accepts (the same check Start makes before training)
        assertThat(InitCheckpoint.resolve(bundle.toString(), MeshKind.BODY,
                Recipe.network(MeshKind.BODY, "small", 4))).endsWith("weights.bin");

        robot.clickOn(FxLookup.visible(robot, "#recipe-init-menu")).clickOn(FxLookup.visible(robot, "Random weights"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxLookup.<String>read(init::getText)).isEmpty();
    }

    @Test
    void stopSavesLastAndResumeFinishesTheRun(FxRobot robot) throws Exception {
        Path out = home.resolve("run-b");
        prepare(robot, out, 2);
        Button start = find(robot, "#finetune-start", Button.class);
        Button stop = find(robot, "#finetune-stop", Button.class);
        Button resume = find(robot, "#finetune-resume", Button.class);
        holdTheRunAfterItsFirstStep();
        robot.interact(start::fire);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> FxLookup.read(() -> ws.charts().lossPointsShown(0)) >= 1);
        robot.interact(stop::fire);
        askedAfterFirstStep.countDown();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> ws.run().phaseProperty().get() == FineTuneRun.Phase.STOPPED);
        WaitForAsyncUtils.waitForFxEvents();
        Label message = find(robot, "#finetune-message", Label.class);
        assertThat(message.getText()).startsWith("Stopped at epoch").contains("Resume continues");
        assertThat(out.resolve("last/trainer-state.json")).exists();
        long stoppedAt = ws.charts().lossPointsReceived(0);
        assertThat(stoppedAt).isLessThan(2L * ITEMS);
        assertThat(start.isDisabled()).as("the output folder holds a run").isTrue();
        assertThat(find(robot, "#finetune-start-reason", Label.class).getText()).isEmpty();
        assertThat(resume.isDisabled()).isFalse();

        robot.interact(resume::fire);
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS,
                () -> ws.run().phaseProperty().get() == FineTuneRun.Phase.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).startsWith("Finished: " + 2 * ITEMS + " steps");
        assertThat(ws.charts().lossPointsReceived(0)).as("resumed, not restarted").isEqualTo(2L * ITEMS);
        assertThat(ws.previewGrid().hasBefore()).isTrue();
        assertThat(find(robot, "#finetune-preview-before-caption", Label.class).getText()).contains("resumed");
    }
}
