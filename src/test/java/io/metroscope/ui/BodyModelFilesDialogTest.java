package io.metroscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.body.BodyModelFile;
import io.metroscope.body.SyntheticModelFiles;
import io.metroscope.jobs.JobService;
import io.metroscope.settings.Settings;
import io.metroscope.settings.SettingsAccess;
import io.metroscope.settings.SettingsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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

/** Body Model Files…: a good file is checked and kept in the settings file; a bad one is explained, nothing kept. */
@ExtendWith(ApplicationExtension.class)
class BodyModelFilesDialogTest {

    @TempDir
    static Path models;

    static Path smpl;
    static Path mano;

    @TempDir
    Path config;

    private final JobService jobs = new JobService("body-models-test", 1);
    private SettingsStore store;
    private BodyModelFilesDialog dialog;
    private Stage stage;

    @BeforeAll
    static void write() throws IOException {
        smpl = SyntheticModelFiles.writeSmpl(models.resolve("SMPL_NEUTRAL.npz"));
        mano = SyntheticModelFiles.writeMano(models.resolve("MANO_RIGHT.npz"));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // the dialog takes its owner's stylesheets (theme and base.css) as the main window's dialogs do
        javafx.scene.Scene scene = new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 320, 200);
        Themes.apply(scene, io.metroscope.settings.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    /** Settings saved to a real file on every change, as the main window does. */
    private SettingsAccess saved(Settings initial) throws IOException {
        store = new SettingsStore(config);
        store.save(initial);
        return new SettingsAccess() {
            @Override
            public Settings current() {
                return store.load();
            }

            @Override
            public void update(UnaryOperator<Settings> change) {
                try {
                    store.save(change.apply(store.load()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private void open(FxRobot robot, SettingsAccess settings) {
        robot.interact(() -> {
            dialog = new BodyModelFilesDialog(stage, jobs, settings);
            dialog.show();
        });
    }

    /** Picks on the FX thread, as the Choose… button does, and waits for the outcome. */
    private boolean pick(FxRobot robot, BodyModelFile kind, Path file) throws Exception {
        java.util.List<java.util.concurrent.CompletableFuture<Boolean>> done = new java.util.ArrayList<>();
        robot.interact(() -> done.add(dialog.pick(kind, file)));
        return done.get(0).get(60, TimeUnit.SECONDS);
    }

    private String text(FxRobot robot, String id) {
        return FxLookup.read(() -> FxLookup.query(robot, "#" + id, Label.class).getText());
    }

    @Test
    void validFilesAreKeptAndBadOnesExplainedWithoutBeingKept(FxRobot robot) throws Exception {
        open(robot, saved(Settings.defaults()));
        assertThat(text(robot, "body-models-smpl-path")).isEqualTo("not set");
        assertThat(text(robot, "body-models-licence")).contains("licence-gated", "never copies");
        assertThat(FxLookup.query(robot, "#body-models-smpl-clear", Button.class).isDisabled()).isTrue();

        assertThat(pick(robot, BodyModelFile.SMPL, smpl)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.load().smplModel()).isEqualTo(smpl.toAbsolutePath().toString());
        assertThat(text(robot, "body-models-smpl-path")).isEqualTo(smpl.toAbsolutePath().toString());
        assertThat(text(robot, "body-models-smpl-status")).contains("6890 vertices", "24 joints");

        // a truncated MANO file: named with the problem, the MANO setting stays unset
        byte[] whole = Files.readAllBytes(mano);
        Path cut = Files.write(config.resolve("MANO_cut.npz"), Arrays.copyOf(whole, whole.length / 3));
        assertThat(pick(robot, BodyModelFile.MANO, cut)).isFalse();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "body-models-mano-status")).contains("MANO_cut.npz", "Nothing was kept");
        assertThat(FxLookup.query(robot, "#body-models-mano-status", Label.class).getStyleClass())
                .contains("body-models-problem");
        assertThat(store.load().manoModel()).isNull();

        // the SMPL file offered as MANO: the wrong vertex count is explained and the fix named
        assertThat(pick(robot, BodyModelFile.MANO, smpl)).isFalse();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "body-models-mano-status")).contains("6890", "MANO_RIGHT.pkl");
        assertThat(store.load().manoModel()).isNull();

        // a foreign pickle offered as SMPL: refused; the good SMPL file chosen before is kept
        Path foreign = Files.write(config.resolve("notes.pkl"), new byte[] {(byte) 0x80, 2, ']', 'q', 0, '(', 'K',
            1, 'e', '.'});
        assertThat(pick(robot, BodyModelFile.SMPL, foreign)).isFalse();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "body-models-smpl-status")).contains("notes.pkl", "not a model dictionary",
                "set before is kept");
        assertThat(store.load().smplModel()).isEqualTo(smpl.toAbsolutePath().toString());

        assertThat(pick(robot, BodyModelFile.MANO, mano)).isTrue();
        robot.interact(() -> dialog.clear(BodyModelFile.SMPL));
        assertThat(store.load().smplModel()).isNull();
        assertThat(store.load().manoModel()).isEqualTo(mano.toAbsolutePath().toString());
        assertThat(text(robot, "body-models-smpl-path")).isEqualTo("not set");
        assertThat(Files.exists(smpl)).as("clearing forgets the path, never the file").isTrue();
        robot.interact(dialog::close);
    }

    @Test
    void aKeptFileThatNoLongerReadsIsFlaggedWhenTheDialogOpens(FxRobot robot) throws Exception {
        Path gone = config.resolve("moved/SMPL_NEUTRAL.pkl");
        open(robot, saved(Settings.defaults().withSmplModel(gone.toString())));
        assertThat(text(robot, "body-models-smpl-path")).isEqualTo(gone.toString());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> text(robot, "body-models-smpl-status").contains("Choose the file again"));
        assertThat(text(robot, "body-models-smpl-status")).contains(gone.toString(), "does not exist");
        assertThat(store.load().smplModel()).as("not silently dropped").isEqualTo(gone.toString());
        robot.interact(dialog::close);
    }
}
