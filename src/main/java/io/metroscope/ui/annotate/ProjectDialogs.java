package io.metroscope.ui.annotate;

import io.metroscope.annotate.ImageReconstructor;
import io.metroscope.annotate.ItemStatus;
import io.metroscope.annotate.ProjectFiles;
import io.metroscope.body.TemplateKind;
import io.metroscope.settings.SettingsAccess;
import io.metroscope.ui.SaveDialog;
import io.metroscope.vision.ImageFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The Annotate workspace's project, import and export dialogs: each asks for files, then calls the session. */
final class ProjectDialogs {

    private final AnnotateSession session;
    private final Supplier<ImageReconstructor> model;
    private final SettingsAccess settings;
    private final Supplier<Window> owner;

    ProjectDialogs(AnnotateSession session, Supplier<ImageReconstructor> model, SettingsAccess settings,
            Supplier<Window> owner) {
        this.session = session;
        this.model = model;
        this.settings = settings;
        this.owner = owner;
    }

    /** Asks for a template and a new project file, then creates it. */
    void newProject() {
        ChoiceDialog<String> kind = new ChoiceDialog<>("body", "body", "hand");
        kind.initOwner(owner.get());
        kind.setTitle("New Project");
        kind.setHeaderText("A project holds meshes of one open template.");
        kind.setContentText("Template:");
        kind.showAndWait().ifPresent(k -> {
            SaveDialog.ask(owner.get(), "New Project", "annotations" + ProjectFiles.EXTENSION,
                    List.of(projectFilter())).ifPresent(chosen -> {
                        // Projects open by their extension: "x.v2" still becomes "x.v2" + EXTENSION.
                        Path path = chosen.getFileName().toString().endsWith(ProjectFiles.EXTENSION) ? chosen
                                : chosen.resolveSibling(chosen.getFileName() + ProjectFiles.EXTENSION);
                        session.newProject(path, TemplateKind.fromId(k));
                    });
        });
    }

    /** Asks for a project file and opens it. */
    void openProject() {
        File file = projectChooser("Open Project").showOpenDialog(owner.get());
        if (file != null) {
            session.openProject(file.toPath());
        }
    }

    private static FileChooser projectChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(projectFilter());
        return chooser;
    }

    private static FileChooser.ExtensionFilter projectFilter() {
        return new FileChooser.ExtensionFilter("Metroscope projects", "*" + ProjectFiles.EXTENSION);
    }

    /** Asks for a folder of images and imports them through the loaded model. */
    void importImages() {
        ImageReconstructor m = model.get();
        if (m == null) {
            info("Load a model first", "Images are reconstructed by the loaded model: open one (File ▸ Open Model…), "
                    + "then import again. Meshes and reconstructions import without a model.");
            return;
        }
        Path folder = chooseFolder("Folder of images");
        if (folder != null) {
            try {
                List<Path> images = ImageFiles.in(folder);
                if (images.isEmpty()) {
                    info("No images", folder + " has no " + ImageFiles.describeExtensions() + " files.");
                    return;
                }
                session.importImages(images, m);
            } catch (IOException e) {
                info("The folder could not be read", e.getMessage());
            }
        }
    }

    /** Asks for reconstruction JSON files and imports them. */
    void importJson() {
        List<Path> files = chooseFiles("Reconstructions (JSON)", "*.json");
        if (!files.isEmpty()) {
            session.importReconstructionJson(files);
        }
    }

    /** Asks for a reconstruction NPZ and its images, and imports them. */
    void importNpz() {
        List<Path> npz = chooseFiles("Reconstruction NPZ", "*.npz");
        if (npz.isEmpty()) {
            return;
        }
        List<Path> images = chooseFiles("Its images, in the order they were reconstructed", ImageFiles.EXTENSIONS
                .stream().map(e -> "*." + e).toArray(String[]::new));
        if (!images.isEmpty()) {
            session.importReconstructionNpz(npz.get(0), images.stream().sorted().toList());
        }
    }

    /** Asks for OBJ/PLY meshes (each beside its image) and imports them. */
    void importMeshes() {
        List<Path> files = chooseFiles("Meshes (each beside its image of the same name)", "*.obj", "*.ply");
        if (!files.isEmpty()) {
            session.importMeshes(files);
        }
    }

    /** What an export writes. */
    enum ExportKind { TRAINING, TSV, ITEMS }

    /** Asks for a new folder and exports the accepted items there as {@code kind}. */
    void export(ExportKind kind) {
        Path folder = chooseFolder(switch (kind) {
            case TRAINING -> "New folder for the training set";
            case TSV -> "New folder for the METRO TSV files";
            case ITEMS -> "New folder for the meshes";
        });
        if (folder != null) {
            switch (kind) {
                case TRAINING -> session.exportTraining(folder, EnumSet.of(ItemStatus.ACCEPTED));
                case TSV -> session.exportTsv(folder, EnumSet.of(ItemStatus.ACCEPTED));
                case ITEMS -> session.exportItems(folder, EnumSet.of(ItemStatus.ACCEPTED));
            }
        }
    }

    /** Asks for SMPL parameter files (and, once, the SMPL model to pose them with) and imports them. */
    void importSmpl() {
        List<Path> files = chooseFiles("SMPL parameters (each beside or naming its image)", "*.json", "*.npz");
        if (files.isEmpty()) {
            return;
        }
        String configured = settings.current().smplModel();
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            session.importSmplParameters(files, Path.of(configured));
            return;
        }
        List<Path> model = chooseFiles(configured == null
                ? "The SMPL model to pose them with (SMPL_NEUTRAL.pkl or .npz; it is remembered)"
                : "The SMPL model set before is gone (" + configured + "); choose it again", "*.pkl", "*.npz");
        if (model.isEmpty()) {
            return;
        }
        Path chosen = model.get(0).toAbsolutePath();
        // kept only once it has been read as an SMPL body (View ▸ Body Model Files… changes it later)
        session.importSmplParameters(files, chosen).result().thenRun(() -> Platform.runLater(() ->
                settings.update(s -> s.withSmplModel(chosen.toString()))));
    }

    private Path chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File dir = chooser.showDialog(owner.get());
        return dir == null ? null : dir.toPath();
    }

    private List<Path> chooseFiles(String title, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(title, patterns));
        List<File> files = chooser.showOpenMultipleDialog(owner.get());
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    private void info(String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text);
        a.initOwner(owner.get());
        a.setHeaderText(header);
        a.show();
    }
}
