package io.metroscope.ui.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.annotate.AnnotateFixtures;
import io.metroscope.annotate.ItemSnapshot;
import io.metroscope.annotate.ItemStatus;
import io.metroscope.annotate.ProjectFiles;
import io.metroscope.app.AppServices;
import io.metroscope.body.TemplateKind;
import io.metroscope.train.TrainingFolder;
import io.metroscope.train.TrainingItem;
import io.metroscope.ui.FxLookup;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import io.metroscope.ui.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Create a project, import, drag a joint, undo and redo by keys, accept, export, read the export back, and load it
 * in the Fine-tune tab.
 */
@ExtendWith(ApplicationExtension.class)
class AnnotateFlowTest {

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        // Monocle's headless screen is 1280×800: a larger window overflows its frame buffer.
        window = TestApp.show(stage, services, 1260, 780);
    }

    @AfterEach
    void stop() {
        TestApp.close(window, services);
    }

    @Test
    void importingImagesWithoutAModelSaysWhatToDo(FxRobot robot) throws Exception {
        robot.interact(() -> window.showWorkspace(Workspace.ANNOTATE));
        javafx.scene.control.MenuButton menu = robot.lookup("#annotate-import")
                .queryAs(javafx.scene.control.MenuButton.class);
        robot.interact(() -> menu.getItems().stream()
                .filter(i -> i.getText().equals("Images (reconstruct with the loaded model)…")).findFirst()
                .orElseThrow().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane")
                .queryAs(javafx.scene.control.DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Load a model first");
        assertThat(pane.getContentText()).contains("File ▸ Open Model…");
        assertThat(pane.getScene().getWindow()).isInstanceOf(Stage.class);
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
    }

    @Test
    void createImportDragUndoRedoAcceptExport(FxRobot robot) throws Exception {
        Path work = Files.createDirectories(home.resolve("flow"));
        List<Path> meshes = AnnotateFixtures.synthMeshes(work.resolve("inputs"), TemplateKind.HAND, 3, 160, 17);
        AnnotateWorkspace ws = window.annotateWorkspace();
        AnnotateSession session = ws.session();
        Path project = work.resolve("hands" + ProjectFiles.EXTENSION);
        robot.interact(() -> {
            window.showWorkspace(Workspace.ANNOTATE);
            assertThat(session.newProject(project, TemplateKind.HAND)).isTrue();
            session.importMeshes(meshes);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.rows().size() == 3
                && session.currentProperty().get() != null);
        // The image is decoded off the FX thread; the joints' screen places depend on its size.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, ws::imageReady);
        WaitForAsyncUtils.waitForFxEvents();
        ItemSnapshot first = session.currentProperty().get();
        assertThat(first.status()).isEqualTo(ItemStatus.TODO);
        Label status = FxLookup.query(robot, "#annotate-status", Label.class);
        assertThat(status.getText()).contains("Item 1 of 3");

        // Drag joint 4 by about 12 image pixels right and 8 down.
        int joint = 4;
        float x0 = first.joints().x(joint);
        float y0 = first.joints().y(joint);
        JointImageView view = ws.imageView();
        Point2D from = view.imageToScreen(x0, y0);
        Point2D to = view.imageToScreen(x0 + 12, y0 + 8);
        robot.drag(from, MouseButton.PRIMARY).moveTo(new Point2D((from.getX() + to.getX()) / 2,
                (from.getY() + to.getY()) / 2)).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        ItemSnapshot dragged = session.currentProperty().get();
        double pixel = 1 / scale(view);
        assertThat((double) dragged.joints().x(joint)).isCloseTo(x0 + 12, within(1.5 * pixel));
        assertThat((double) dragged.joints().y(joint)).isCloseTo(y0 + 8, within(1.5 * pixel));
        assertThat(dragged.undoDepth()).isEqualTo(1);
        assertThat(view.selectedJoint()).isEqualTo(joint);
        assertThat(dragged.status()).isEqualTo(ItemStatus.IN_PROGRESS);

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        ItemSnapshot undone = session.currentProperty().get();
        assertThat(undone.joints().x(joint)).isEqualTo(x0);
        assertThat(undone.joints().y(joint)).isEqualTo(y0);
        assertThat(undone.redoDepth()).isEqualTo(1);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        ItemSnapshot redone = session.currentProperty().get();
        assertThat(redone.joints()).isEqualTo(dragged.joints());

        // V hides the selected joint; A accepts and moves on.
        robot.type(KeyCode.V);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.currentProperty().get().joints().visible(joint)).isFalse();
        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.rows().get(0).status()).isEqualTo(ItemStatus.ACCEPTED);
        assertThat(session.currentProperty().get().id()).isNotEqualTo(first.id());
        assertThat(status.getText()).contains("Item 2 of 3");
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.rows().get(1).status()).isEqualTo(ItemStatus.NEEDS_REVIEW);
        robot.type(KeyCode.P);
        robot.type(KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.currentProperty().get().id()).isEqualTo(first.id());
        assertThat(session.progressProperty().get().count(ItemStatus.ACCEPTED)).isEqualTo(1);

        Path export = work.resolve("training");
        robot.interact(() -> session.exportTraining(export, EnumSet.of(ItemStatus.ACCEPTED)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.isRegularFile(export.resolve(
                TrainingFolder.MANIFEST)));
        TrainingFolder folder = TrainingFolder.open(export);
        assertThat(folder.size()).isEqualTo(1);
        assertThat(folder.kind()).isEqualTo(TemplateKind.HAND);
        TrainingItem item = folder.item(0);
        double[] uv = first.item().crop().toCrop(dragged.joints().x(joint), dragged.joints().y(joint));
        assertThat((double) item.joints2d()[3 * joint]).isCloseTo(2 * uv[0] / 224 - 1, within(1e-5));
        assertThat(item.visible(joint)).isFalse();
        assertThat(folder.manifest().path("generator").path("sources").get(0).path("item_id").asLong())
                .isEqualTo(first.id());

        // The Fine-tune tab reads the export as its training folder.
        robot.interact(() -> {
            window.showWorkspace(Workspace.FINE_TUNE);
            window.fineTuneWorkspace().chooseDataset(export);
        });
        Label summary = FxLookup.query(robot, "#finetune-dataset-summary", Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxLookup.read(summary::getText).startsWith("1 item"));
        assertThat(summary.getText()).contains("hand");
        assertThat(FxLookup.present(robot, "#finetune-thumbnail-0")).isTrue();
    }

    private static double scale(JointImageView view) {
        Point2D a = view.imageToScreen(0, 0);
        Point2D b = view.imageToScreen(100, 0);
        return (b.getX() - a.getX()) / 100;
    }
}
