package io.metroscope.ui.reconstruct;

import io.metroscope.body.JointSet;
import io.metroscope.format.PngFiles;
import io.metroscope.model.MeshKind;
import io.metroscope.recon.Reconstruction;
import io.metroscope.recon.ReconstructionExport;
import io.metroscope.recon.ReconstructionModel;
import io.metroscope.ui.FxImages;
import io.metroscope.ui.SaveDialog;
import io.metroscope.ui.mesh.MeshViewer3D;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;

/**
 * The Reconstruct workspace: inputs on the left; the image with the projected mesh and joints beside an
 * interactive 3D view of the selected result; model, run and export controls on top.
 */
public final class ReconstructWorkspace extends BorderPane {

    private final ReconstructSession session;
    private final ListView<InputEntry> list = new ListView<>();
    private final ImageOverlayView overlay = new ImageOverlayView();
    private final MeshViewer3D viewer = new MeshViewer3D();
    private final BiConsumer<String, Throwable> onError;
    private final MenuButton export;
    private final LiveView liveView;
    private final java.util.Map<InputEntry, Image> thumbnails = new java.util.WeakHashMap<>();
    private final javafx.beans.property.ReadOnlyObjectWrapper<Reconstruction> selected =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final io.metroscope.ui.FxThreadWatchdog watchdog = new io.metroscope.ui.FxThreadWatchdog();
    private final ResultsTable table;
    /** The faces of the mesh being reconstructed live. */
    private int[] liveFaces;

    /** {@code openModel} opens the model dialog; {@code onError} shows a failure to the user. */
    public ReconstructWorkspace(ReconstructSession session, Runnable openModel, Runnable addInputs,
            BiConsumer<String, Throwable> onError) {
        this.session = session;
        this.onError = onError;
        setId("reconstruct-workspace");
        list.setId("inputs");
        list.setItems(session.inputs());
        list.setPrefWidth(260);
        list.setCellFactory(v -> new EntryCell());
        list.setPlaceholder(new Label("Add images or a folder (File ▸ Open Image…, or drop them here)"));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> showEntry(e));
        // A result that arrives for the selected input is shown at once.
        session.inputs().addListener((javafx.collections.ListChangeListener<InputEntry>) c -> {
            while (c.next()) {
                for (InputEntry e : c.getAddedSubList()) {
                    e.resultProperty().addListener((o, a, r) -> {
                        if (list.getSelectionModel().getSelectedItem() == e) {
                            showEntry(e);
                        }
                    });
                }
            }
        });

        Button open = new Button("Open Model…");
        open.setOnAction(e -> openModel.run());
        Button add = new Button("Add Images…");
        add.setOnAction(e -> addInputs.run());
        Button run = new Button("Reconstruct");
        run.setId("reconstruct-run");
        run.disableProperty().bind(session.modelProperty().isNull().or(Bindings.isEmpty(session.inputs())));
        run.setOnAction(e -> runWaiting());
        CheckBox mesh = toggle("Mesh", "toggle-mesh", overlay::setShowMesh);
        CheckBox joints = toggle("Joints", "toggle-joints", overlay::setShowJoints);
        CheckBox wire = new CheckBox("Wireframe");
        wire.setId("toggle-wireframe");
        wire.selectedProperty().addListener((o, a, w) -> viewer.setWireframe(w));
        Button reset = new Button("Reset View");
        reset.setOnAction(e -> viewer.resetView());
        MenuButton export = new MenuButton("Export");
        export.setId("reconstruct-export");
        export.getItems().addAll(exportItem("Mesh (OBJ, PLY, glb)…", "*.obj", "*.ply", "*.glb"),
                exportItem("Reconstruction (NPZ)…", "*.npz"), exportItem("Reconstruction (JSON)…", "*.json"),
                viewPngMenu());
        export.setDisable(true);
        MenuItem tableCsv = new MenuItem("Results table (CSV)…");
        tableCsv.setId("export-results-table");
        tableCsv.setOnAction(e -> SaveDialog.ask(getScene().getWindow(), "Export the results table", "results.csv",
                SaveDialog.byPattern("*.csv")).ifPresent(this::exportTable));
        MenuButton tableExport = new MenuButton("Table");
        tableExport.setId("results-export");
        tableExport.getItems().add(tableCsv);
        this.export = export;
        javafx.scene.control.ComboBox<ReconstructSession.CropMode> crop = new javafx.scene.control.ComboBox<>();
        crop.setId("crop-mode");
        crop.getItems().setAll(ReconstructSession.CropMode.values());
        crop.valueProperty().bindBidirectional(session.cropModeProperty());
        crop.setTooltip(new javafx.scene.control.Tooltip("How images are cropped for the model; drag over the image "
                + "to draw a person box instead"));
        CheckBox flip = new CheckBox("Flip average");
        flip.setId("flip-average");
        flip.selectedProperty().bindBidirectional(session.flipAverageProperty());
        flip.setTooltip(new javafx.scene.control.Tooltip("Also run each crop mirrored left-right and average the two "
                + "meshes: about 1.6 mm lower PA-MPJPE for the body demo, at twice the inference time (body models "
                + "only; METRO itself predicts each crop once). Applies to images, live sources and Annotate's "
                + "proposals"));
        flip.disableProperty().bind(Bindings.createBooleanBinding(() -> session.modelProperty().get() == null
                || session.modelProperty().get().architecture().kind() != io.metroscope.model.MeshKind.BODY,
                session.modelProperty()));
        overlay.setOnBoxDrawn(b -> {
            InputEntry e = list.getSelectionModel().getSelectedItem();
            if (e != null) {
                setBox(e, io.metroscope.vision.CropBox.fromBox(b[0], b[1], b[2], b[3]));
            }
        });
        // the status bar names the loaded model and its device: the toolbar holds controls only (they fit at 1280 px)
        ToolBar bar = new ToolBar(open, add, run, crop, flip, new javafx.scene.control.Separator(Orientation.VERTICAL),
                mesh, joints, wire, reset, export);

        SplitPane views = new SplitPane(overlay, viewer);
        views.setDividerPositions(0.5);
        table = new ResultsTable(session.inputs());
        // Clicking a row shows that input, as selecting it in the list does.
        table.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> {
            if (e != null && list.getSelectionModel().getSelectedItem() != e) {
                list.getSelectionModel().select(e);
            }
        });
        javafx.scene.layout.BorderPane tablePane = new javafx.scene.layout.BorderPane(table);
        javafx.scene.layout.HBox tableBar = new javafx.scene.layout.HBox(8, new Label("Results"), tableExport);
        tableBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        tableBar.setPadding(new javafx.geometry.Insets(2, 6, 2, 6));
        tablePane.setTop(tableBar);
        SplitPane viewsAndTable = new SplitPane(views);
        viewsAndTable.setOrientation(Orientation.VERTICAL);
        // The table appears once there is more than one input (a folder or several images).
        session.inputs().addListener((javafx.collections.ListChangeListener<InputEntry>) c -> {
            boolean many = session.inputs().size() > 1;
            if (many && !viewsAndTable.getItems().contains(tablePane)) {
                viewsAndTable.getItems().add(tablePane);
                viewsAndTable.setDividerPositions(0.68);
            } else if (!many) {
                viewsAndTable.getItems().remove(tablePane);
            }
        });
        SplitPane main = new SplitPane(list, viewsAndTable);
        main.setDividerPositions(0.2);
        liveView = new LiveView(this::showLive, onError, watchdog);
        // The fast live overlay is drawn into the frames off the FX thread: it follows the toggles too.
        javafx.beans.InvalidationListener parts = o -> liveView.setOverlayParts(mesh.isSelected(), joints.isSelected());
        mesh.selectedProperty().addListener(parts);
        joints.selectedProperty().addListener(parts);
        setTop(new javafx.scene.layout.VBox(bar, liveView));
        setCenter(main);
    }

    /** Reconstructs a video file or camera live with the loaded model (newest frame wins). */
    public void startLive(io.metroscope.vision.FrameSource source) {
        ReconstructionModel m = session.modelProperty().get();
        if (m == null) {
            throw new IllegalStateException("Load a model first (File ▸ Open Model…)");
        }
        startLive(source, io.metroscope.recon.LiveInference.of(session.reconstructionService(), m,
                session.runOptions(new io.metroscope.recon.RunOptions(false, 1))), m.template());
    }

    /** Reconstructs {@code source} live through {@code inference}, whose results use {@code template}'s mesh. */
    public void startLive(io.metroscope.vision.FrameSource source, io.metroscope.recon.LiveInference inference,
            io.metroscope.body.MetroTemplate template) {
        liveFaces = template.faces();
        liveView.start(source, inference, liveFaces);
    }

    /** Stops live reconstruction. */
    public void stopLive() {
        liveView.stop();
    }

    /** The longest FX-thread time one live frame has taken (image, overlay, mesh update), in ms. */
    public double worstLiveDrawMillis() {
        return liveView.worstDrawMillis();
    }

    /** Whether the selected input's image has been decoded and is shown (it loads off the FX thread). */
    public boolean imageShown() {
        return shownImage != null;
    }

    /** The mean FX-thread CPU time per live frame (after the first), in ms: what the thread itself spent. */
    public double meanLiveDrawCpuMillis() {
        return liveView.meanDrawCpuMillis();
    }

    /** The mean FX-thread time per live frame (after the first), in ms. */
    public double meanLiveDrawMillis() {
        return liveView.meanDrawMillis();
    }

    /** Live overlay drawn off the FX thread (default) or stroked on the FX thread; applies from the next start. */
    public void setFastLiveOverlay(boolean on) {
        liveView.setFastOverlay(on);
    }

    /**
     * Watches the FX thread while inference runs (folder jobs and live sources): its worst stall is shown in the
     * live stats and readable here.
     */
    public io.metroscope.ui.FxThreadWatchdog fxWatchdog() {
        return watchdog;
    }

    /** The live bar (tests: the frames it shows). */
    LiveView liveView() {
        return liveView;
    }

    /** The image view with the 2D overlay (for measurements of its drawing cost). */
    ImageOverlayView overlay() {
        return overlay;
    }

    /** The folder results table. */
    public javafx.scene.control.TableView<InputEntry> resultsTable() {
        return table;
    }

    /** Writes the results table, rows in the order shown, as CSV. */
    public void exportTable(Path file) {
        try {
            table.exportCsv(file);
        } catch (Exception ex) {
            onError.accept("Export to " + file.getFileName() + " failed", ex);
        }
    }

    /** True while a video or camera is being reconstructed. */
    public javafx.beans.property.ReadOnlyBooleanProperty liveProperty() {
        return liveView.runningProperty();
    }

    private boolean liveShown;
    private Path shownFile;
    private Image shownImage;

    private void showLive(io.metroscope.recon.LiveResult r, javafx.scene.image.WritableImage frame, boolean baked) {
        io.metroscope.ui.FxTiming.run("reconstruct.live-frame", () -> showLiveNow(r, frame, baked));
    }

    private void showLiveNow(io.metroscope.recon.LiveResult r, javafx.scene.image.WritableImage frame,
            boolean baked) {
        Reconstruction rec = r.reconstruction();
        int[] faces = liveFaces;
        shownFile = null;
        overlay.show(frame, rec, faces, baked);
        // The first frame sets up the mesh and frames the camera; later ones only move the vertices (unless the
        // user turned the live 3D view off, to spare a software renderer).
        if (!liveShown || viewer.mesh().vertexCount() != rec.vertexCount()) {
            viewer.show(rec.verticesCentered(), faces);
            liveShown = true;
        } else if (liveView.show3d()) {
            viewer.update(rec.verticesCentered());
        }
        selected.set(rec);
    }

    /** Adds inputs and selects the first new one. */
    public void addInputs(List<Path> files) {
        List<InputEntry> added = session.add(files);
        if (!added.isEmpty()) {
            list.getSelectionModel().select(added.get(0));
        }
    }

    /** Uses {@code box} as the person crop of {@code e} and reconstructs it again when a model is loaded. */
    public void setBox(InputEntry e, io.metroscope.vision.CropBox box) {
        e.boxProperty().set(box);
        e.statusProperty().set(InputStatus.WAITING);
        if (session.modelProperty().get() != null) {
            watched(session.reconstruct(List.of(e)));
        }
    }

    /** Runs every input that has no result yet. */
    public void runWaiting() {
        List<InputEntry> todo = session.waiting();
        if (!todo.isEmpty()) {
            watched(session.reconstruct(todo));
        }
    }

    /** Watches the FX thread while {@code job} runs. */
    private void watched(io.metroscope.jobs.Job<?> job) {
        watchdog.begin();
        job.result().whenComplete((v, error) -> javafx.application.Platform.runLater(watchdog::end));
    }

    /** The reconstruction shown now (null when the selected input has none). */
    public javafx.beans.property.ReadOnlyObjectProperty<Reconstruction> selectedResultProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReconstructSession session() {
        return session;
    }

    public MeshViewer3D viewer() {
        return viewer;
    }

    /** Selects an input, showing its image and result. */
    public void select(InputEntry e) {
        list.getSelectionModel().select(e);
    }

    private void showEntry(InputEntry e) {
        io.metroscope.ui.FxTiming.run("reconstruct.show-entry", () -> showEntryNow(e));
    }

    private void showEntryNow(InputEntry e) {
        liveShown = false;
        export.setDisable(e == null || e.resultProperty().get() == null);
        selected.set(e == null ? null : e.resultProperty().get());
        if (e == null) {
            overlay.show(null, null, null);
            return;
        }
        Reconstruction r = e.resultProperty().get();
        ReconstructionModel m = session.modelProperty().get();
        int[] faces = m == null ? null : m.template().faces();
        // The image is decoded off the FX thread; until it arrives the overlay keeps the image it has if it is
        // the same file (a result arriving for the selected input), else shows none.
        boolean same = e.file().equals(shownFile);
        overlay.show(same ? shownImage : null, r, faces);
        if (!same) {
            shownFile = e.file();
            shownImage = null;
            FxImages.loadAsync(e.file(), image -> {
                if (e.file().equals(shownFile) && list.getSelectionModel().getSelectedItem() == e) {
                    shownImage = image;
                    ReconstructionModel now = session.modelProperty().get();
                    overlay.show(image, e.resultProperty().get(), now == null ? null : now.template().faces());
                }
            });
        }
        if (r != null && faces != null) {
            viewer.show(r.verticesCentered(), faces);
            int[] parents = (r.kind() == MeshKind.HAND ? JointSet.FREIHAND_21 : JointSet.LSP_14).parents();
            viewer.showJoints(r.jointsRegressed(), parents);
        }
    }


    private Reconstruction selectedResult() {
        InputEntry e = list.getSelectionModel().getSelectedItem();
        return e == null ? null : e.resultProperty().get();
    }

    /** One entry per print resolution: the PNG is rendered again at that scale, its pHYs chunk says the DPI. */
    private javafx.scene.control.Menu viewPngMenu() {
        javafx.scene.control.Menu menu = new javafx.scene.control.Menu("3D view (PNG)");
        menu.setId("export-view-png");
        for (int dpi : PngFiles.DPI_CHOICES) {
            menu.getItems().add(exportItem(dpi + " DPI" + (dpi == 72 ? " (size on screen)" : "") + "…", dpi, "*.png"));
        }
        return menu;
    }

    private MenuItem exportItem(String text, String... patterns) {
        return exportItem(text, 72, patterns);
    }

    private MenuItem exportItem(String text, int dpi, String... patterns) {
        MenuItem it = new MenuItem(text);
        it.setOnAction(e -> {
            Reconstruction r = selectedResult();
            if (r == null) {
                return;
            }
            SaveDialog.ask(getScene().getWindow(), "Export " + text.replace("…", ""),
                    baseName(r) + patterns[0].substring(1), SaveDialog.byPattern(patterns))
                    .ifPresent(f -> export(r, f, dpi));
        });
        return it;
    }

    /** Writes the result in the format the file name asks for; a PNG of the 3D view is at screen size. */
    public void export(Reconstruction r, Path file) {
        export(r, file, 72);
    }

    /** Writes the result in the format the file name asks for; a PNG of the 3D view is rendered at {@code dpi}. */
    public void export(Reconstruction r, Path file, int dpi) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            ReconstructionModel m = session.modelProperty().get();
            if (name.endsWith(".npz")) {
                ReconstructionExport.writeNpz(file, ReconstructionExport.arrays(List.of(r), m.refVertices(), true));
            } else if (name.endsWith(".json")) {
                ReconstructionExport.writeJson(file, r);
            } else if (name.endsWith(".png")) {
                PngFiles.write(SwingFXUtils.fromFXImage(viewer.snapshot(PngFiles.scaleFor(dpi)), null), file, dpi);
            } else {
                ReconstructionExport.writeMesh(file, r, m.template().faces());
            }
        } catch (Exception ex) {
            onError.accept("Export to " + file.getFileName() + " failed", ex);
        }
    }

    private static String baseName(Reconstruction r) {
        String name = Path.of(r.source()).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "_metro";
    }

    private static CheckBox toggle(String text, String id, java.util.function.Consumer<Boolean> action) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.setSelected(true);
        box.selectedProperty().addListener((o, a, v) -> action.accept(v));
        return box;
    }

    /** A list row: a thumbnail, the file name, status and timing or error. */
    private final class EntryCell extends ListCell<InputEntry> {
        private final javafx.scene.image.ImageView thumbnail = new javafx.scene.image.ImageView();

        EntryCell() {
            thumbnail.setFitWidth(56);
            thumbnail.setFitHeight(56);
            thumbnail.setPreserveRatio(true);
        }

        @Override
        protected void updateItem(InputEntry e, boolean empty) {
            super.updateItem(e, empty);
            textProperty().unbind();
            if (empty || e == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            // JavaFX decodes the scaled thumbnail on its own background thread.
            thumbnail.setImage(thumbnails.computeIfAbsent(e,
                    k -> new Image(k.file().toUri().toString(), 112, 112, true, true, true)));
            setGraphic(thumbnail);
            textProperty().bind(Bindings.createStringBinding(
                    () -> e.file().getFileName() + "\n" + e.statusProperty().get()
                            + (e.messageProperty().get().isEmpty() ? "" : "  ·  " + e.messageProperty().get()),
                    e.statusProperty(), e.messageProperty()));
        }
    }
}
