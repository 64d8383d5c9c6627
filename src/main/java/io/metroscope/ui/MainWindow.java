package io.metroscope.ui;

import io.metroscope.app.AppServices;
import io.metroscope.app.BundledAssets;
import io.metroscope.app.InputKind;
import io.metroscope.app.VersionReport;
import io.metroscope.jobs.Job;
import io.metroscope.jobs.JobSnapshot;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.model.CheckpointFolder;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.ModelSource;
import io.metroscope.recon.ModelSpec;
import io.metroscope.settings.Settings;
import io.metroscope.settings.SettingsAccess;
import io.metroscope.settings.Theme;
import io.metroscope.settings.WindowGeometry;
import io.metroscope.annotate.ImageReconstructor;
import io.metroscope.ui.annotate.AnnotateSession;
import io.metroscope.ui.annotate.AnnotateWorkspace;
import io.metroscope.ui.attention.AttentionWorkspace;
import io.metroscope.ui.finetune.FineTuneWorkspace;
import io.metroscope.ui.reconstruct.ModelSetupDialog;
import io.metroscope.ui.reconstruct.ReconstructSession;
import io.metroscope.ui.reconstruct.ReconstructWorkspace;
import io.metroscope.vision.FrameSource;
import io.metroscope.vision.VideoFileSource;
import io.metroscope.vision.WebcamSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The main window: menu bar, the four workspaces and the status bar, and what the menu items do. */
public final class MainWindow implements ShellActions {

    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);

    private final Stage stage;
    private final AppServices services;
    private final FileDialogs fileDialogs;
    private final MainMenu menu;
    private final WorkspaceTabs tabs = new WorkspaceTabs();
    private final StatusBar status;
    private final ReconstructWorkspace reconstruct;
    private final AttentionWorkspace attention;
    private final AnnotateWorkspace annotate;
    private final FineTuneWorkspace fineTune;
    private final Scene scene;
    private Settings settings;
    private DeviceSpec device;
    private Path model;

    public MainWindow(Stage stage, AppServices services, GuiOptions options) {
        this.stage = stage;
        this.services = services;
        this.settings = services.settings().load();
        this.device = options.deviceOverride() != null ? options.deviceOverride() : parseSavedDevice();
        this.fileDialogs = new FileDialogs(stage);
        this.menu = new MainMenu(this);
        this.status = new StatusBar(services.jobs(), this::reportFailure);
        ReconstructSession session = new ReconstructSession(services, job -> status.jobs().track(job));
        this.reconstruct = new ReconstructWorkspace(session, () -> askForModel(null), this::openImage,
                this::reportFailure);
        tabs.setContent(Workspace.RECONSTRUCT, reconstruct);
        this.attention = new AttentionWorkspace(this::reportFailure, () -> session.inputs().stream()
                .map(e -> e.resultProperty().get()).filter(java.util.Objects::nonNull).toList());
        tabs.setContent(Workspace.ATTENTION, attention);
        this.annotate = new AnnotateWorkspace(new AnnotateSession(services.jobs(), job -> status.jobs().track(job),
                this::reportFailure), () -> session.modelProperty().get() == null ? null
                        : ImageReconstructor.of(services.reconstruction(), session.modelProperty().get(),
                                session.runOptions(io.metroscope.recon.RunOptions.defaults())),
                () -> session.modelProperty().get() == null ? null
                        : io.metroscope.annotate.RefitModel.of(session.modelProperty().get()), settingsAccess());
        tabs.setContent(Workspace.ANNOTATE, annotate);
        this.fineTune = new FineTuneWorkspace(services, job -> status.jobs().track(job), () -> device,
                this::loadModel, settingsAccess());
        tabs.setContent(Workspace.FINE_TUNE, fineTune);
        // Hidden, the Attention workspace only keeps the newest result (a folder run costs it nothing).
        tabs.watchFront(Workspace.ATTENTION, attention::setActive);
        reconstruct.selectedResultProperty().addListener((o, old, r) -> attention.show(r,
                session.modelProperty().get() == null ? null : session.modelProperty().get().template()));
        session.modelProperty().addListener((o, old, m) -> {
            model = m == null ? null : m.spec().checkpoint();
            status.setModel(m == null ? "none" : m.spec().displayName() + " — "
                    + m.architecture().kind().name().toLowerCase(java.util.Locale.ROOT) + " METRO, "
                    + m.architecture().tokens().tokens() + " tokens, " + m.device().name());
            menu.setExportAvailable(m != null);
        });
        BorderPane root = new BorderPane(tabs, menu, null, status, null);
        root.setId("main-root");
        scene = new Scene(root);
        scene.setOnDragOver(this::onDragOver);
        scene.setOnDragDropped(this::onDragDropped);
        stage.setTitle("Metroscope");
        stage.getIcons().add(new Image(MainWindow.class.getResource("icons/metroscope.png").toExternalForm()));
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> saveOnExit());
        applyGeometry(settings.window());
        setTheme(settings.theme());
        menu.selectDevice(device);
        menu.setRecent(settings.recentFiles());
    }

    /** Starts the engine on a background thread and shows the device when it is known. */
    public void detectDeviceInBackground() {
        services.devices().loadInBackground().whenComplete((engine, error) -> Platform.runLater(() -> {
            if (error != null) {
                status.setDevice("unavailable");
                reportFailure("The PyTorch engine did not load", error);
                return;
            }
            menu.setGpuCount(engine.getGpuCount());
            applyDevice(device);
        }));
    }

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return scene;
    }

    /** Routes files as a drop would: inputs to Reconstruct, checkpoints to Open Model. */
    public void openFiles(List<Path> files) {
        DropPlan plan = DropPlan.of(files);
        List<Path> videos = plan.reconstruct().stream().filter(p -> InputKind.of(p) == InputKind.VIDEO).toList();
        List<Path> images = plan.reconstruct().stream().filter(p -> !videos.contains(p)).toList();
        if (!images.isEmpty()) {
            images.forEach(this::remember);
            reconstruct.addInputs(images);
            tabs.select(Workspace.RECONSTRUCT);
        }
        if (!videos.isEmpty()) {
            videos.forEach(this::remember);
            startLive(videos.get(0).toString(), () -> new VideoFileSource(videos.get(0)));
        }
        plan.models().forEach(this::askForModel);
        if (!plan.rejected().isEmpty()) {
            Dialogs.info(stage, "Some files were not opened", "Metroscope opens images, folders, videos, "
                    + "checkpoints (.bin, .pth, .pt, .ckpt) and model bundles (.metro.json). Not opened: "
                    + plan.rejected());
        }
    }

    /** The inputs of the Reconstruct workspace. */
    public List<Path> reconstructInputs() {
        return reconstruct.session().inputs().stream().map(e -> e.file()).toList();
    }

    /** The Attention workspace. */
    public AttentionWorkspace attentionWorkspace() {
        return attention;
    }

    /** The Annotate workspace. */
    public AnnotateWorkspace annotateWorkspace() {
        return annotate;
    }

    /** The Fine-tune workspace. */
    public FineTuneWorkspace fineTuneWorkspace() {
        return fineTune;
    }

    /** The Reconstruct workspace. */
    public ReconstructWorkspace reconstructWorkspace() {
        return reconstruct;
    }

    /** The model file being shown in the status bar, or null. */
    public Path model() {
        return model;
    }

    /** The settings as they stand now. */
    public Settings settings() {
        return settings;
    }

    @Override
    public void openImage() {
        fileDialogs.chooseFiles("Open Image", InputKind.IMAGE, lastDirectory()).ifPresent(this::openFiles);
    }

    @Override
    public void openFolder() {
        fileDialogs.chooseFolder("Open Folder", lastDirectory()).ifPresent(f -> openFiles(List.of(f)));
    }

    @Override
    public void openVideo() {
        fileDialogs.chooseFiles("Open Video", InputKind.VIDEO, lastDirectory()).ifPresent(this::openFiles);
    }

    @Override
    public void openWebcam() {
        List<Integer> cameras = WebcamSource.listDevices();
        if (cameras.isEmpty()) {
            Dialogs.info(stage, "No camera found", "No video device (/dev/video*) is present. Connect a camera, "
                    + "check that your user may read it (group 'video'), then try again.");
            return;
        }
        WebcamDialog dialog = new WebcamDialog(cameras);
        dialog.initOwner(stage);
        dialog.showAndWait().ifPresent(s -> startLive(s.path().toString(), () -> new WebcamSource(s)));
    }

    /** Starts live reconstruction of a video or camera, once a model is loaded. */
    private void startLive(String name, java.util.function.Supplier<FrameSource> source) {
        if (reconstruct.session().modelProperty().get() == null) {
            Dialogs.info(stage, "Load a model first", "Open a model (File ▸ Open Model…), then open " + name + " again.");
            return;
        }
        tabs.select(Workspace.RECONSTRUCT);
        reconstruct.startLive(source.get());
    }

    @Override
    public void openModel() {
        askForModel(null);
    }

    @Override
    public void openRecent(Path file) {
        if (!Files.exists(file)) {
            updateSettings(settings.withoutRecentFile(file.toString()));
            Dialogs.info(stage, "File not found", file + " no longer exists; it was removed from Open Recent.");
            return;
        }
        openFiles(List.of(file));
    }

    @Override
    public void clearRecent() {
        updateSettings(settings.withRecentCleared());
    }

    @Override
    public void export() {
        tabs.select(Workspace.RECONSTRUCT);
        Dialogs.info(stage, "Export", "Select a reconstructed image in the Reconstruct workspace and use its Export "
                + "menu: the mesh as OBJ, PLY or glb, the reconstruction as NPZ or JSON, or the 3D view as PNG.");
    }

    @Override
    public void quit() {
        saveOnExit();
        stage.close();
        Platform.exit();
    }

    @Override
    public void showWorkspace(Workspace workspace) {
        tabs.select(workspace);
    }

    @Override
    public void setTheme(Theme theme) {
        Themes.apply(scene, theme);
        menu.selectTheme(theme);
        updateSettings(settings.withTheme(theme));
    }

    @Override
    public void resetLayout() {
        stage.setMaximized(false);
        applyGeometry(WindowGeometry.DEFAULT);
        stage.centerOnScreen();
        tabs.select(Workspace.RECONSTRUCT);
        updateSettings(settings.withWindow(WindowGeometry.DEFAULT));
    }

    @Override
    public void showBodyModelFiles() {
        new BodyModelFilesDialog(stage, services.jobs(), settingsAccess()).show();
    }

    /** The settings as the window holds them: changes go through {@link #updateSettings} and are saved. */
    public SettingsAccess settingsAccess() {
        return new SettingsAccess() {
            @Override
            public Settings current() {
                return settings;
            }

            @Override
            public void update(java.util.function.UnaryOperator<Settings> change) {
                updateSettings(change.apply(settings));
            }
        };
    }

    @Override
    public void setDevice(DeviceSpec spec) {
        device = spec;
        menu.selectDevice(spec);
        updateSettings(settings.withDevice(spec.toString()));
        if (services.devices().loadInBackground().isDone()) {
            applyDevice(spec);
        }
    }

    @Override
    public void showShortcuts() {
        Dialogs.shortcuts(stage, menu.itemsWithShortcuts());
    }

    @Override
    public void showAbout() {
        CompletableFuture<VersionReport> versions = new CompletableFuture<>();
        Job<VersionReport> job = services.jobs().submit("Collecting versions", ctx -> services.versions(device));
        job.result().whenComplete((r, e) -> {
            if (e != null) {
                versions.completeExceptionally(e);
            } else {
                versions.complete(r);
            }
        });
        Dialogs.about(stage, versions);
    }

    /** The geometry the window has now, as it would be saved. */
    public WindowGeometry currentGeometry() {
        return new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
    }

    private void applyDevice(DeviceSpec spec) {
        try {
            ComputeDevice resolved = services.devices().resolve(spec);
            status.setDevice(resolved.name());
            LOG.info("Compute device: {} (requested {})", resolved.name(), spec);
        } catch (RuntimeException e) {
            ComputeDevice fallback = services.devices().resolve(DeviceSpec.CPU);
            status.setDevice(fallback.name() + " (" + spec + " unavailable)");
            reportFailure("The requested compute device is not available", e);
        }
    }

    /** Asks for the template and heads of a checkpoint ({@code null}: the user picks it), then loads it. */
    private void askForModel(Path file) {
        Path checkpoint = file;
        if (file != null) {
            remember(file);
            switch (ModelSource.kindOf(file)) {
                case BUNDLE -> {
                    openBundle(file);
                    return;
                }
                case RUN_FOLDER -> checkpoint = file.resolve(CheckpointFolder.MODEL_FILE);
                case CHECKPOINT_FILE -> {
                }
            }
        }
        ModelSetupDialog dialog = new ModelSetupDialog(stage, checkpoint, device);
        dialog.setOnHidden(e -> {
            if (dialog.chosenBundle().isPresent()) {
                remember(dialog.chosenBundle().get());
                openBundle(dialog.chosenBundle().get());
                return;
            }
            ModelSpec spec = dialog.getResult();
            if (spec != null) {
                loadModel(spec);
            }
        });
        dialog.show();
    }

    /** Opens a model bundle, which names its weights, template and heads; reading and checking it runs on a worker. */
    private void openBundle(Path bundle) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return ModelBundles.modelSpec(ModelBundles.load(bundle), device);
            } catch (io.metroscope.format.FormatException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).whenComplete((spec, error) -> Platform.runLater(() -> {
            if (error != null) {
                reportFailure("The model bundle could not be opened", error);
                return;
            }
            show(spec);
        }));
    }

    /**
     * Loads the bundled body demo model and lists the sample images, so that one click reconstructs. Unpacking runs
     * on a worker; a build without demo models just lists the samples.
     */
    public void openDemo() {
        BundledAssets assets = new BundledAssets(services.dirs().assetsCache());
        CompletableFuture.supplyAsync(() -> {
            List<Path> samples = assets.samples();
            ModelSpec spec = null;
            java.util.Optional<Path> demo = assets.demoModel(io.metroscope.model.MeshKind.BODY);
            if (demo.isPresent()) {
                try {
                    spec = ModelBundles.modelSpec(ModelBundles.load(demo.get()), device);
                } catch (io.metroscope.format.FormatException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }
            return new DemoStart(samples, spec);
        }).whenComplete((start, error) -> Platform.runLater(() -> {
            if (error != null) {
                reportFailure("The bundled demo model could not be opened", error);
                return;
            }
            reconstruct.addInputs(start.samples());
            if (start.model() != null) {
                reconstruct.session().loadModel(start.model());
            }
        }));
    }

    private record DemoStart(List<Path> samples, ModelSpec model) {
    }

    /** Loads a model in the background; the status bar shows it once ready. */
    public void loadModel(ModelSpec spec) {
        remember(spec.checkpoint());
        show(spec);
    }

    private void show(ModelSpec spec) {
        tabs.select(Workspace.RECONSTRUCT);
        reconstruct.session().loadModel(spec);
    }

    private void remember(Path file) {
        updateSettings(settings.withRecentFile(file.toAbsolutePath().toString()));
    }

    private void updateSettings(Settings next) {
        boolean recentChanged = !next.recentFiles().equals(settings.recentFiles());
        settings = next;
        if (recentChanged) {
            menu.setRecent(settings.recentFiles());
        }
        save();
    }

    private void save() {
        try {
            services.settings().save(settings);
        } catch (IOException e) {
            LOG.warn("Could not save settings to {}: {}", services.settings().file(), e.getMessage());
        }
    }

    private void saveOnExit() {
        reconstruct.stopLive();
        annotate.closeProject();
        settings = settings.withWindow(currentGeometry());
        save();
    }

    private void applyGeometry(WindowGeometry g) {
        stage.setWidth(g.width());
        stage.setHeight(g.height());
        if (g.hasPosition()) {
            stage.setX(g.x());
            stage.setY(g.y());
        }
        stage.setMaximized(g.maximized());
    }

    private DeviceSpec parseSavedDevice() {
        try {
            return DeviceSpec.parse(settings.device());
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring saved device '{}': {}", settings.device(), e.getMessage());
            return DeviceSpec.AUTO;
        }
    }

    private Path lastDirectory() {
        return settings.recentFiles().stream().map(Path::of).map(p -> Files.isDirectory(p) ? p : p.getParent())
                .filter(p -> p != null && Files.isDirectory(p)).findFirst().orElse(null);
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void onDragDropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            openFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    private void reportFailure(JobSnapshot failed) {
        reportFailure(failed.title() + " failed", failed.error());
    }

    private void reportFailure(String header, Throwable error) {
        LOG.error(header, error);
        Dialogs.error(stage, header, error, services.dirs().logs().resolve("metroscope.log"));
    }
}
