package io.metroscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitForFxEvents;

import io.metroscope.app.AppServices;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.settings.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The shell under Monocle: menus, tabs, status bar, input routing, and settings across a restart. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        services = TestApp.services(home);
        window = TestApp.window(stage, services);
        stage.show();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void titleMenusAndShortcutsAreComplete(FxRobot robot) {
        assertThat(stage.getTitle()).isEqualTo("Metroscope");
        MenuBar bar = FxLookup.query(robot, "#menu-bar", MenuBar.class);
        assertThat(bar.getMenus()).extracting(m -> m.getText()).containsExactly("File", "View", "Help");
        assertThat(bar.getMenus().get(0).getItems()).extracting(MenuItem::getText)
                .contains("Open Image…", "Open Folder…", "Open Video…", "Open Webcam…", "Open Model…", "Open Recent",
                        "Export…", "Quit");
        assertThat(bar.getMenus().get(1).getItems()).extracting(MenuItem::getText)
                .contains("Light Theme", "Dark Theme", "Body Model Files…", "Reset Layout", "Compute Device");
        assertThat(((MainMenu) bar).itemsWithShortcuts()).extracting(it -> it.getAccelerator().getName())
                .as("every shortcut does one thing").doesNotHaveDuplicates();
        assertThat(bar.getMenus().get(2).getItems()).extracting(MenuItem::getText)
                .containsExactly("Keyboard Shortcuts", "About Metroscope");
        for (var menu : bar.getMenus()) {
            for (MenuItem it : menu.getItems()) {
                if (!(it instanceof javafx.scene.control.Menu) && !(it instanceof javafx.scene.control.SeparatorMenuItem)) {
                    assertThat(it.getAccelerator()).as(it.getText()).isNotNull();
                }
            }
        }
    }

    @Test
    void fourWorkspacesReconstructLiveTheOthersWithAnHonestEmptyState(FxRobot robot) {
        TabPane tabs = FxLookup.query(robot, "#workspaces", TabPane.class);
        assertThat(tabs.getTabs()).extracting(t -> t.getText())
                .containsExactly("Reconstruct", "Attention", "Annotate", "Fine-tune");
        for (Workspace w : Workspace.values()) {
            robot.interact(() -> window.showWorkspace(w));
            assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo(w.title());
            String id = switch (w) {
                case RECONSTRUCT -> "#reconstruct-workspace";
                case ATTENTION -> "#attention-workspace";
                case ANNOTATE -> "#annotate-workspace";
                case FINE_TUNE -> "#finetune-workspace";
                default -> "#empty-" + w.name().toLowerCase();
            };
            assertThat(FxLookup.present(robot, id)).as(id).isTrue();
        }
    }

    @Test
    void keyboardShortcutSwitchesWorkspace(FxRobot robot) {
        robot.press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.DIGIT3)
                .release(javafx.scene.input.KeyCode.DIGIT3).release(javafx.scene.input.KeyCode.CONTROL);
        waitForFxEvents();
        TabPane tabs = FxLookup.query(robot, "#workspaces", TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Annotate");
    }

    @Test
    void statusBarShowsTheDeviceOnceTheEngineHasLoaded(FxRobot robot) throws Exception {
        Label device = FxLookup.query(robot, "#status-device", Label.class);
        assertThat(FxLookup.query(robot, "#status-model", Label.class).getText()).isEqualTo("Model: none");
        robot.interact(window::detectDeviceInBackground);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !FxLookup.read(device::getText).contains("detecting"));
        assertThat(device.getText()).matches("Device: (CPU \\(\\d+ cores?\\)|GPU \\d+: .+)");
    }

    @Test
    void droppedFilesGoToTheRightWorkspace(FxRobot robot) throws Exception {
        Path img = Files.createFile(home.resolve("person.jpg"));
        Path folder = Files.createDirectories(home.resolve("shots"));
        Path inFolder = Files.createFile(folder.resolve("a.png"));
        Path ckpt = Files.copy(Path.of("src/test/resources/io/metroscope/format/tensors_zip.pt"),
                home.resolve("metro_3dpw_state_dict.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        robot.interact(() -> window.showWorkspace(Workspace.FINE_TUNE));
        robot.interact(() -> window.openFiles(List.of(img, folder, ckpt)));
        assertThat(window.reconstructInputs()).containsExactly(img, inFolder);
        TabPane tabs = FxLookup.query(robot, "#workspaces", TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Reconstruct");
        // The checkpoint goes to Open Model, which asks for its template.
        assertThat(FxLookup.query(robot, "#setup-checkpoint", javafx.scene.control.TextField.class).getText())
                .isEqualTo(ckpt.toString());
        FxLookup.hideWindowOf(robot, "#model-setup");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.settings().recentFiles()).contains(img.toString(), folder.toString(), ckpt.toString());
    }

    @Test
    void settingsSurviveARestart(FxRobot robot) throws Exception {
        Path img = Files.createFile(home.resolve("restart.png"));
        robot.interact(() -> {
            window.setTheme(Theme.DARK);
            window.setDevice(DeviceSpec.CPU);
            window.openFiles(List.of(img));
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1000);
            stage.setHeight(700);
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        Stage[] second = new Stage[1];
        MainWindow[] reopened = new MainWindow[1];
        robot.interact(() -> {
            second[0] = new Stage();
            reopened[0] = TestApp.window(second[0], services);
            second[0].show();
        });
        try {
            assertThat(reopened[0].settings().theme()).isEqualTo(Theme.DARK);
            assertThat(reopened[0].scene().getRoot().getStyleClass()).contains("theme-dark");
            assertThat(reopened[0].settings().device()).isEqualTo("cpu");
            assertThat(reopened[0].settings().recentFiles()).first().isEqualTo(img.toString());
            assertThat(second[0].getWidth()).isEqualTo(1000);
            assertThat(second[0].getHeight()).isEqualTo(700);
            assertThat(second[0].getX()).isEqualTo(40);
            MenuBar bar = FxLookup.in(reopened[0].scene(), "#menu-bar", MenuBar.class);
            var recent = (javafx.scene.control.Menu) bar.getMenus().get(0).getItems().stream()
                    .filter(i -> "menu-recent".equals(i.getId())).findFirst().orElseThrow();
            assertThat(recent.getItems().get(0).getText()).startsWith("restart.png");
        } finally {
            robot.interact(() -> second[0].close());
        }
    }

    @Test
    void resetLayoutRestoresTheDefaultSize(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(500);
            stage.setHeight(400);
            window.showWorkspace(Workspace.ANNOTATE);
            window.resetLayout();
        });
        assertThat(stage.getWidth()).isEqualTo(1280);
        assertThat(stage.getHeight()).isEqualTo(800);
        assertThat(FxLookup.query(robot, "#workspaces", TabPane.class).getSelectionModel().getSelectedIndex()).isZero();
    }

    @Test
    void shortcutsSheetListsEveryShortcutAndAboutShowsVersions(FxRobot robot) throws Exception {
        robot.interact(window::showShortcuts);
        assertThat(FxLookup.present(robot, "#shortcuts-dialog")).isTrue();
        assertThat(FxLookup.present(robot, "Open Image…")).isTrue();
        FxLookup.hideWindowOf(robot, "#shortcuts-dialog");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(window::showAbout);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> FxLookup.present(robot, "#about-pytorch"));
        assertThat(FxLookup.query(robot, "#about-pytorch", Label.class).getText()).startsWith("2.7.1");
        assertThat(FxLookup.query(robot, "#about-opencv", Label.class).getText()).startsWith("4.9");
        FxLookup.hideWindowOf(robot, "#about-dialog");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void bodyModelFilesOpenFromTheViewMenuShortcut(FxRobot robot) {
        MenuItem item = FxLookup.query(robot, "#menu-bar", MenuBar.class).getMenus().get(1).getItems().stream()
                .filter(it -> "menu-body-models".equals(it.getId())).findFirst().orElseThrow();
        assertThat(item.getAccelerator().getDisplayText()).contains("B");
        robot.interact(item::fire);
        assertThat(FxLookup.present(robot, "#body-models-dialog")).isTrue();
        assertThat(FxLookup.query(robot, "#body-models-smpl-path", Label.class).getText()).isEqualTo("not set");
        FxLookup.hideWindowOf(robot, "#body-models-dialog");
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A bundle opens without the template dialog, dropped as its folder or its manifest or named in the dialog. */
    @Test
    void aModelBundleOpensDirectlyWhetherDroppedOrNamedInTheDialog(FxRobot robot) throws Exception {
        Path bundle = Path.of("assets", "models", "hand-demo");
        Path weights = bundle.resolve("weights.bin").toAbsolutePath().normalize();
        robot.interact(() -> window.openFiles(List.of(bundle)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> weights.equals(FxLookup.read(window::model)));
        assertThat(FxLookup.present(robot, "#model-setup")).isFalse();
        assertThat(window.reconstructInputs()).doesNotContain(bundle);
        assertThat(window.settings().recentFiles()).contains(bundle.toAbsolutePath().toString());

        robot.interact(() -> window.openFiles(List.of(Path.of("assets", "models", "body-demo", "model.metro.json"))));
        Path bodyWeights = Path.of("assets", "models", "body-demo", "weights.bin").toAbsolutePath().normalize();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> bodyWeights.equals(FxLookup.read(window::model)));

        // File ▸ Open Model…: naming a bundle there needs no template
        robot.interact(window::openModel);
        var field = FxLookup.query(robot, "#setup-checkpoint", javafx.scene.control.TextField.class);
        var pane = FxLookup.query(robot, "#model-setup", javafx.scene.control.DialogPane.class);
        var load = (javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.OK);
        assertThat(load.isDisabled()).isTrue();
        robot.interact(() -> field.setText(bundle.resolve("model.metro.json").toString()));
        assertThat(load.isDisabled()).as("a bundle holds its template").isFalse();
        assertThat(FxLookup.query(robot, "#setup-mode", javafx.scene.control.ComboBox.class).isDisabled()).isTrue();
        var shot = FxLookup.read(() -> pane.getScene().snapshot(null));
        Files.createDirectories(Path.of("target", "screenshots"));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot, null), "png",
                Path.of("target", "screenshots", "open-model-bundle.png").toFile());
        robot.interact(load::fire);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> weights.equals(FxLookup.read(window::model)));
    }

    @Test
    void unusableFilesAreRefusedWithAMessage(FxRobot robot) throws Exception {
        Path txt = Files.writeString(home.resolve("notes.txt"), "x");
        robot.interact(() -> window.openFiles(List.of(txt)));
        assertThat(FxLookup.present(robot, "#info-dialog")).isTrue();
        assertThat(window.reconstructInputs()).doesNotContain(txt);
        FxLookup.hideWindowOf(robot, "#info-dialog");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aCorruptCheckpointGivesAnErrorDialogNamingItAndTheWindowCarriesOn(FxRobot robot) throws Exception {
        Path broken = Files.write(home.resolve("broken_state_dict.bin"), new byte[] {'P', 'K', 3, 4, 0, 0});
        io.metroscope.recon.ModelSpec spec = io.metroscope.recon.ModelSpec.of(broken,
                new io.metroscope.recon.TemplateSource.File(Path.of("templates/body.npz")));
        robot.interact(() -> window.loadModel(spec));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> FxLookup.present(robot, "#error-dialog"));
        var pane = FxLookup.query(robot, "#error-dialog", javafx.scene.control.DialogPane.class);
        assertThat(pane.getContentText()).contains("broken_state_dict.bin").contains("Fix:");
        robot.interact(() -> pane.getScene().getWindow().hide());
        assertThat(window.model()).isNull();
        assertThat(stage.isShowing()).isTrue();
    }
}
