package io.metroscope.ui.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.app.AppServices;
import io.metroscope.body.SyntheticModelFiles;
import io.metroscope.train.TinyTsvDatasets;
import io.metroscope.ui.FxLookup;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import io.metroscope.ui.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
 * The Fine-tune tab on a tiny METRO TSV dataset: broken TSVs are named with the fix; a good one shows its summary
 * (meshes from the SMPL model set in the settings, or joints only) and thumbnails, is checked against the recipe's
 * kind, and trains one epoch of the tiny network to a checkpoint, the joints-only note shown.
 */
@ExtendWith(ApplicationExtension.class)
class FineTuneTsvFlowTest {

    static final int ITEMS = 4;

    @TempDir
    static Path home;

    private static Path yaml;
    private static Path smpl;

    private AppServices services;
    private MainWindow window;
    private FineTuneWorkspace ws;

    @BeforeAll
    static void writeDatasets() throws Exception {
        yaml = TinyTsvDatasets.writeBody(home.resolve("tsv"), "train", ITEMS, true);
        smpl = SyntheticModelFiles.writeSmpl(home.resolve("smpl.npz"));
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
        services.close();
    }

    private <T extends javafx.scene.Node> T find(FxRobot robot, String id, Class<T> type) {
        return FxLookup.query(robot, id, type);
    }

    /** Chooses {@code data} and waits until the summary no longer says it is being read. */
    private String choose(FxRobot robot, Path data) throws Exception {
        robot.interact(() -> ws.chooseDataset(data));
        Label summary = find(robot, "#finetune-dataset-summary", Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !FxLookup.read(summary::getText).startsWith("Reading"));
        WaitForAsyncUtils.waitForFxEvents();
        return summary.getText();
    }

    @Test
    void brokenTsvDatasetsAreNamedWithTheFix(FxRobot robot) throws Exception {
        robot.interact(() -> window.showWorkspace(Workspace.FINE_TUNE));
        Path dir = home.resolve("broken-columns");
        Path broken = TinyTsvDatasets.writeBody(dir, "train", 2, false);
        Path labels = dir.resolve("train.label.tsv");
        Files.writeString(labels, "train_0\ntrain_1\n");
        Files.delete(dir.resolve("train.label.lineidx"));
        String text = choose(robot, broken);
        assertThat(text).contains(labels.toString(), "row 0 has no label column", "Fix:");
        assertThat(find(robot, "#finetune-start", Button.class).isDisabled()).isTrue();
        assertThat(ws.dataset().thumbnails().getChildren()).isEmpty();

        Path dir2 = home.resolve("broken-index");
        Path broken2 = TinyTsvDatasets.writeBody(dir2, "train", 2, false);
        Path lineidx = dir2.resolve("train.img.lineidx");
        Files.writeString(lineidx, "0\nabc\n");
        assertThat(choose(robot, broken2)).contains(lineidx.toString(), "not a byte offset");
        assertThat(find(robot, "#finetune-start-reason", Label.class).getText()).contains(lineidx.toString());
    }

    @Test
    void aTsvDatasetShowsItsSummaryAndThumbnailsAndTrains(FxRobot robot) throws Exception {
        robot.interact(() -> window.showWorkspace(Workspace.FINE_TUNE));
        // The SMPL model set in the settings (View ▸ Body Model Files…) poses the labels into meshes.
        robot.interact(() -> window.settingsAccess().update(s -> s.withSmplModel(smpl.toString())));
        assertThat(choose(robot, yaml)).isEqualTo(ITEMS + " items · body · METRO TSV · meshes from SMPL (smpl.npz)");
        assertThat(ws.dataset().thumbnails().getChildren()).hasSize(ITEMS);
        ImageView first = (ImageView) ws.dataset().thumbnails().getChildren().get(0);
        assertThat(first.getImage().getWidth()).isEqualTo(64);
        // the white joint squares of the frame are in the thumbnail's crop
        assertThat(first.getImage().getPixelReader().getColor(32, 32)).isNotEqualTo(
                first.getImage().getPixelReader().getColor(0, 0));

        // Without a model, the labels give joints only, and the summary says where to set one.
        robot.interact(() -> window.settingsAccess().update(s -> s.withSmplModel(null)));
        assertThat(choose(robot, yaml)).isEqualTo(ITEMS + " items · body · METRO TSV · joints only (no SMPL model"
                + " set: View ▸ Body Model Files…)");
        robot.interact(() -> ws.chooseValidation(yaml));
        Label val = find(robot, "#finetune-validation-summary", Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> FxLookup.read(val::getText).startsWith("Validation: " + ITEMS));

        @SuppressWarnings("unchecked")
        ComboBox<String> preset = find(robot, "#recipe-preset", ComboBox.class);
        Button start = find(robot, "#finetune-start", Button.class);
        robot.interact(() -> preset.getSelectionModel().select("official-hand"));
        assertThat(start.isDisabled()).isTrue();
        assertThat(find(robot, "#finetune-start-reason", Label.class).getText()).contains("body items",
                "set Mesh to body");
        Path out = home.resolve("tsv-run");
        robot.interact(() -> {
            preset.getSelectionModel().select("demo");
            assertThat(find(robot, "#recipe-output", TextField.class).getText())
                    .isEqualTo(home.resolve("tsv").resolve("train-runs").resolve("demo").toAbsolutePath().toString());
            find(robot, "#recipe-epochs", TextField.class).setText("1");
            find(robot, "#recipe-batch", TextField.class).setText("2");
            find(robot, "#recipe-limit", TextField.class).setText(String.valueOf(ITEMS));
            find(robot, "#recipe-output", TextField.class).setText(out.toString());
        });
        assertThat(start.isDisabled()).isFalse();
        robot.interact(start::fire);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS,
                () -> ws.run().phaseProperty().get() == FineTuneRun.Phase.FINISHED
                        || ws.run().phaseProperty().get() == FineTuneRun.Phase.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        Label message = find(robot, "#finetune-message", Label.class);
        assertThat(message.getText()).startsWith("Finished: " + ITEMS / 2 + " steps").contains("validation PA-MPJPE");
        assertThat(ws.notes().getText()).startsWith("Note: no SMPL model configured").contains("joints only");
        assertThat(ws.previewGrid().hasBefore()).isTrue();
        assertThat(out.resolve("best/model.pt")).exists();
        assertThat(find(robot, "#finetune-open-in-reconstruct", Button.class).isDisabled()).isFalse();
    }
}
