package io.metroscope.ui.annotate;

import io.metroscope.annotate.AnnotationProject;
import io.metroscope.annotate.ImageFacts;
import io.metroscope.annotate.ImageReconstructor;
import io.metroscope.annotate.ItemSnapshot;
import io.metroscope.annotate.ItemStatus;
import io.metroscope.annotate.ProjectFiles;
import io.metroscope.annotate.ProjectImporter;
import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.ui.FxImages;
import io.metroscope.ui.mesh.MeshViewer3D;
import io.metroscope.vision.CropTransform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The Annotate workspace: the review queue on the left, the image with draggable 2D joints beside the 3D mesh in
 * the middle, the editing controls on the right, project, import and export on top, and a status line. Keyboard
 * first: N/P next/previous, A accept, R reject, F flag, V joint visibility, Ctrl+Z undo, Ctrl+Shift+Z (or Ctrl+Y)
 * redo.
 */
public final class AnnotateWorkspace extends BorderPane {

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);

    private final AnnotateSession session;
    private final Supplier<ImageReconstructor> model;
    private final JointImageView image = new JointImageView();
    private final MeshViewer3D viewer = new MeshViewer3D();
    private final QueuePane queue;
    private final EditPanel edit;
    private final Label projectLabel = new Label("No project");
    private final Label status = new Label();
    private final MenuButton importMenu = new MenuButton("Import");
    private final MenuButton exportMenu = new MenuButton("Export");
    private long shownItem = -1;
    private Path shownImagePath;
    private Image shownImage;

    /** {@code model} gives the loaded model for image imports, or null when none is loaded. */
    public AnnotateWorkspace(AnnotateSession session, Supplier<ImageReconstructor> model) {
        this.session = session;
        this.model = model;
        setId("annotate-workspace");
        queue = new QueuePane(session);
        edit = new EditPanel(session, image::selectedJoint);
        image.setFocusTraversable(true);
        image.setOnJointMoved(session::moveJoint);
        image.setOnJointSelected(j -> edit.showJoint(session.currentProperty().get()));

        Button newProject = new Button("New Project…");
        newProject.setId("annotate-new");
        newProject.setOnAction(e -> askNewProject());
        Button open = new Button("Open Project…");
        open.setId("annotate-open");
        open.setOnAction(e -> askOpenProject());
        importMenu.setId("annotate-import");
        importMenu.getItems().addAll(item("Images (reconstruct with the loaded model)…", this::askImportImages),
                item("Reconstructions (JSON)…", this::askImportJson),
                item("Reconstruction NPZ with its images…", this::askImportNpz),
                item("Meshes (OBJ/PLY beside their images)…", this::askImportMeshes));
        exportMenu.setId("annotate-export");
        exportMenu.getItems().addAll(item("Training folder (accepted items)…", () -> askExport(true)),
                item("OBJ + JSON per item (accepted items)…", () -> askExport(false)));
        CheckBox mesh = new CheckBox("Mesh overlay");
        mesh.setId("annotate-show-mesh");
        mesh.setSelected(true);
        mesh.selectedProperty().addListener((o, a, s) -> image.setShowMesh(s));
        Button fit = new Button("Fit");
        fit.setOnAction(e -> image.fit());
        fit.setFocusTraversable(false);
        projectLabel.setId("annotate-project");
        ToolBar bar = new ToolBar(newProject, open, importMenu, exportMenu, new Separator(Orientation.VERTICAL), mesh,
                fit, new Separator(Orientation.VERTICAL), projectLabel);
        setTop(bar);

        SplitPane views = new SplitPane(image, viewer);
        views.setDividerPositions(0.55);
        SplitPane main = new SplitPane(queue, views, edit);
        main.setDividerPositions(0.2, 0.8);
        setCenter(main);
        status.setId("annotate-status");
        status.setPadding(new Insets(3, 8, 3, 8));
        setBottom(status);

        session.projectProperty().addListener((o, a, p) -> showProject(p));
        session.currentProperty().addListener((o, a, s) -> showItem(s));
        session.messageProperty().addListener((o, a, m) -> updateStatus());
        session.progressProperty().addListener((o, a, p) -> updateStatus());
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        showProject(null);
    }

    public AnnotateSession session() {
        return session;
    }

    public JointImageView imageView() {
        return image;
    }

    public MeshViewer3D viewer() {
        return viewer;
    }

    /** Closes the open project (on exit). */
    public void closeProject() {
        session.closeProject();
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl
                || (e.getTarget() instanceof ComboBox<?> c && c.isEditable())) {
            return;
        }
        boolean handled = true;
        if (REDO.match(e) || REDO_Y.match(e)) {
            session.redo();
        } else if (UNDO.match(e)) {
            session.undo();
        } else if (e.isShortcutDown() || e.isAltDown()) {
            handled = false;
        } else {
            switch (e.getCode()) {
                case N -> session.next();
                case P -> session.previous();
                case A -> session.accept();
                case R -> session.reject();
                case F -> session.flag();
                case V -> toggleVisibility();
                default -> handled = false;
            }
        }
        if (handled) {
            e.consume();
        }
    }

    private void toggleVisibility() {
        ItemSnapshot s = session.currentProperty().get();
        int j = image.selectedJoint();
        if (s != null && j >= 0 && j < s.joints().count()) {
            session.setVisibility(j, !s.joints().visible(j));
        }
    }

    private void showProject(AnnotationProject p) {
        importMenu.setDisable(p == null);
        exportMenu.setDisable(p == null);
        shownItem = -1;
        if (p == null) {
            projectLabel.setText("No project: New Project… or Open Project…");
            image.show(null, null, new int[0], null, null, null);
            viewer.show(new float[0], new int[0]);
            updateStatus();
            return;
        }
        MetroTemplate t = p.template().template();
        projectLabel.setText(p.file().getFileName() + " · " + t.kind().id() + " template " + t.fullVertexCount()
                + " vertices · labeler " + p.author());
        edit.setJointNames(t.tokenJointNames(), p.template().rig().jointNames());
        updateStatus();
    }

    private void showItem(ItemSnapshot s) {
        AnnotationProject p = session.projectProperty().get();
        if (s == null || p == null) {
            image.show(null, null, new int[0], null, null, null);
            shownItem = -1;
            updateStatus();
            return;
        }
        MetroTemplate t = p.template().template();
        if (!s.imageFile().equals(shownImagePath)) {
            shownImagePath = s.imageFile();
            shownImage = FxImages.load(s.imageFile());
        }
        float[] vertices = s.mesh().currentVertices();
        int[] parents = (t.kind() == TemplateKind.HAND ? JointSet.FREIHAND_21 : JointSet.LSP_14).parents();
        image.show(shownImage, s.joints(), parents, s.item().crop(), project(vertices, s.mesh().camera(),
                s.item().crop()), t.faces());
        if (s.id() != shownItem) {
            viewer.show(vertices, t.faces());
            shownItem = s.id();
            image.requestFocus();
        } else {
            viewer.update(vertices);
        }
        viewer.showJoints(s.mesh().joints3d(), parents);
        edit.showJoint(s);
        updateStatus();
    }

    /** The mesh's vertices in image pixels: weak-perspective camera onto the crop, then the crop into the image. */
    static float[] project(float[] v, float[] camera, CropTransform crop) {
        float[] px = new float[v.length / 3 * 2];
        for (int i = 0; i < v.length / 3; i++) {
            double[] p = crop.normalizedToImage(camera[0] * (v[3 * i] + camera[1]),
                    camera[0] * (v[3 * i + 1] + camera[2]));
            px[2 * i] = (float) p[0];
            px[2 * i + 1] = (float) p[1];
        }
        return px;
    }

    private void updateStatus() {
        ItemSnapshot s = session.currentProperty().get();
        StringBuilder sb = new StringBuilder();
        if (s != null) {
            sb.append(String.format(Locale.ROOT, "Item %d of %d (#%d, %s) · %d edit%s to undo, %d to redo",
                    session.position() + 1, session.rows().size(), s.id(), s.status().label(), s.undoDepth(),
                    s.undoDepth() == 1 ? "" : "s", s.redoDepth()));
            if (shownImage == null) {
                sb.append(" · image not found: ").append(s.imageFile());
            }
            sb.append(" · ");
        }
        sb.append(session.messageProperty().get());
        sb.append("   [N/P next/prev · A accept · R reject · F flag · V visibility · Ctrl+Z undo · Ctrl+Shift+Z redo]");
        status.setText(sb.toString());
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        return m;
    }

    private void askNewProject() {
        ChoiceDialog<String> kind = new ChoiceDialog<>("body", "body", "hand");
        kind.initOwner(getScene().getWindow());
        kind.setTitle("New Project");
        kind.setHeaderText("A project holds meshes of one open template.");
        kind.setContentText("Template:");
        kind.showAndWait().ifPresent(k -> {
            FileChooser chooser = projectChooser("New Project");
            chooser.setInitialFileName("annotations" + ProjectFiles.EXTENSION);
            File file = chooser.showSaveDialog(getScene().getWindow());
            if (file != null) {
                Path path = file.toPath();
                if (!path.getFileName().toString().endsWith(ProjectFiles.EXTENSION)) {
                    path = path.resolveSibling(path.getFileName() + ProjectFiles.EXTENSION);
                }
                session.newProject(path, TemplateKind.fromId(k));
            }
        });
    }

    private void askOpenProject() {
        File file = projectChooser("Open Project").showOpenDialog(getScene().getWindow());
        if (file != null) {
            session.openProject(file.toPath());
        }
    }

    private static FileChooser projectChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Metroscope projects",
                "*" + ProjectFiles.EXTENSION));
        return chooser;
    }

    private void askImportImages() {
        ImageReconstructor m = model.get();
        if (m == null) {
            info("Load a model first", "Images are reconstructed by the loaded model: open one (File ▸ Open Model…), "
                    + "then import again. Meshes and reconstructions import without a model.");
            return;
        }
        Path folder = chooseFolder("Folder of images");
        if (folder != null) {
            try {
                List<Path> images = ProjectImporter.imagesIn(folder);
                if (images.isEmpty()) {
                    info("No images", folder + " has no " + ImageFacts.EXTENSIONS + " files.");
                    return;
                }
                session.importImages(images, m);
            } catch (IOException e) {
                info("The folder could not be read", e.getMessage());
            }
        }
    }

    private void askImportJson() {
        List<Path> files = chooseFiles("Reconstructions (JSON)", "*.json");
        if (!files.isEmpty()) {
            session.importReconstructionJson(files);
        }
    }

    private void askImportNpz() {
        List<Path> npz = chooseFiles("Reconstruction NPZ", "*.npz");
        if (npz.isEmpty()) {
            return;
        }
        List<Path> images = chooseFiles("Its images, in the order they were reconstructed", ImageFacts.EXTENSIONS
                .stream().map(e -> "*." + e).toArray(String[]::new));
        if (!images.isEmpty()) {
            session.importReconstructionNpz(npz.get(0), images.stream().sorted().toList());
        }
    }

    private void askImportMeshes() {
        List<Path> files = chooseFiles("Meshes (each beside its image of the same name)", "*.obj", "*.ply");
        if (!files.isEmpty()) {
            session.importMeshes(files);
        }
    }

    private void askExport(boolean training) {
        Path folder = chooseFolder(training ? "New folder for the training set" : "New folder for the meshes");
        if (folder != null) {
            if (training) {
                session.exportTraining(folder, EnumSet.of(ItemStatus.ACCEPTED));
            } else {
                session.exportItems(folder, EnumSet.of(ItemStatus.ACCEPTED));
            }
        }
    }

    private Path chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File dir = chooser.showDialog(getScene().getWindow());
        return dir == null ? null : dir.toPath();
    }

    private List<Path> chooseFiles(String title, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(title, patterns));
        List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    private void info(String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text);
        a.initOwner(getScene().getWindow());
        a.setHeaderText(header);
        a.show();
    }
}
