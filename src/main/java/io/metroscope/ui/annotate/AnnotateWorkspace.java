package io.metroscope.ui.annotate;

import io.metroscope.annotate.AnnotationProject;
import io.metroscope.annotate.ImageReconstructor;
import io.metroscope.annotate.RefitModel;
import io.metroscope.annotate.ItemSnapshot;
import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.settings.Settings;
import io.metroscope.settings.SettingsAccess;
import io.metroscope.ui.FxImages;
import io.metroscope.ui.mesh.ColorMap;
import io.metroscope.ui.mesh.MeshViewer3D;
import io.metroscope.ui.mesh.VertexColoredMesh;
import io.metroscope.vision.CropTransform;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
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
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Annotate workspace: the review queue on the left, the image with draggable 2D joints beside the 3D mesh in
 * the middle, the editing controls on the right (joints, shape, refit), project, import and export on top, and a
 * status line. The 3D view turns the selected kinematic joint with a ring gizmo (live preview, one edit per drag);
 * the original mesh can be shown as a ghost in both views and the displacement from it as a heatmap; a refit
 * proposal shows in green until accepted or discarded. Images are decoded off the FX thread. Keyboard first: N/P
 * next/previous, A accept, R reject, F flag, V joint visibility, Ctrl+Z undo, Ctrl+Shift+Z (or Ctrl+Y) redo.
 */
public final class AnnotateWorkspace extends BorderPane {

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);

    /** Heatmap colours reach the top of the map at this displacement or the largest one, whichever is more. */
    static final double HEATMAP_MIN_MM = 10;

    private final AnnotateSession session;
    private final JointImageView image = new JointImageView();
    private final MeshViewer3D viewer = new MeshViewer3D();
    private final VertexColoredMesh ghost3d = new VertexColoredMesh();
    private final VertexColoredMesh proposal3d = new VertexColoredMesh();
    private final JointGizmo gizmo;
    private final DisplacementLegend legend = new DisplacementLegend(ColorMap.VIRIDIS);
    private final CheckBox ghost = new CheckBox("Ghost original");
    private final CheckBox heatmap = new CheckBox("Displacement heatmap");
    private final QueuePane queue;
    private final EditPanel edit;
    private final RefitPane refit;
    private final ShapePane shape = new ShapePane();
    private final javafx.scene.control.TitledPane shapeSection = new javafx.scene.control.TitledPane("Shape", shape);
    private float[] dragStart;
    private double heatmapMaxMm;
    private final Label projectLabel = new Label("No project");
    private final Label status = new Label();
    private final MenuButton importMenu = new MenuButton("Import");
    private final MenuButton exportMenu = new MenuButton("Export");
    private long shownItem = -1;
    private Path shownImagePath;
    private Image shownImage;
    private boolean imageLoading;

    /** {@code model} gives the loaded model for image imports, or null when none is loaded; no refit. */
    public AnnotateWorkspace(AnnotateSession session, Supplier<ImageReconstructor> model) {
        this(session, model, () -> null);
    }

    /**
     * {@code model} gives the loaded model for image imports and {@code refitModel} the checkpoint a refit copies,
     * each null when no model is loaded.
     */
    public AnnotateWorkspace(AnnotateSession session, Supplier<ImageReconstructor> model,
            Supplier<RefitModel> refitModel) {
        this(session, model, refitModel, SettingsAccess.inMemory(Settings.defaults()));
    }

    /**
     * As {@link #AnnotateWorkspace(AnnotateSession, Supplier, Supplier)}; {@code settings} holds the SMPL model file
     * that SMPL imports use (asked for once, then kept there).
     */
    public AnnotateWorkspace(AnnotateSession session, Supplier<ImageReconstructor> model,
            Supplier<RefitModel> refitModel, SettingsAccess settings) {
        this.session = session;
        setId("annotate-workspace");
        queue = new QueuePane(session);
        edit = new EditPanel(session, image::selectedJoint);
        refit = new RefitPane(session, refitModel);
        gizmo = new JointGizmo(viewer.orbit().camera());
        image.setFocusTraversable(true);
        image.setOnJointMoved(session::moveJoint);
        image.setOnJointSelected(j -> edit.showJoint(session.currentProperty().get()));

        Button newProject = new Button("New Project…");
        newProject.setId("annotate-new");
        ProjectDialogs dialogs = new ProjectDialogs(session, model, settings, () -> getScene().getWindow());
        newProject.setOnAction(e -> dialogs.newProject());
        Button open = new Button("Open Project…");
        open.setId("annotate-open");
        open.setOnAction(e -> dialogs.openProject());
        importMenu.setId("annotate-import");
        importMenu.getItems().addAll(item("Images (reconstruct with the loaded model)…", dialogs::importImages),
                item("Reconstructions (JSON)…", dialogs::importJson),
                item("Reconstruction NPZ with its images…", dialogs::importNpz),
                item("Meshes (OBJ/PLY beside their images)…", dialogs::importMeshes),
                item("SMPL parameters (EFT / NeuralAnnot JSON or NPZ)…", dialogs::importSmpl));
        exportMenu.setId("annotate-export");
        exportMenu.getItems().addAll(item("Training folder (accepted items)…",
                () -> dialogs.export(ProjectDialogs.ExportKind.TRAINING)),
                item("METRO TSV (accepted items)…", () -> dialogs.export(ProjectDialogs.ExportKind.TSV)),
                item("OBJ + JSON per item (accepted items)…", () -> dialogs.export(ProjectDialogs.ExportKind.ITEMS)));
        CheckBox mesh = new CheckBox("Mesh overlay");
        mesh.setId("annotate-show-mesh");
        mesh.setSelected(true);
        mesh.selectedProperty().addListener((o, a, s) -> image.setShowMesh(s));
        Button fit = new Button("Fit");
        fit.setOnAction(e -> image.fit());
        fit.setFocusTraversable(false);
        projectLabel.setId("annotate-project");
        ghost.setId("annotate-ghost");
        ghost.setTooltip(new javafx.scene.control.Tooltip("The mesh as imported, faintly, in both views"));
        ghost.selectedProperty().addListener((o, a, on) -> showItem(session.currentProperty().get()));
        heatmap.setId("annotate-heatmap");
        heatmap.setTooltip(new javafx.scene.control.Tooltip("Colour the 3D mesh by how far each vertex moved from "
                + "the original (mm)"));
        heatmap.selectedProperty().addListener((o, a, on) -> showItem(session.currentProperty().get()));
        ToolBar bar = new ToolBar(newProject, open, importMenu, exportMenu, new Separator(Orientation.VERTICAL), mesh,
                ghost, heatmap, fit, new Separator(Orientation.VERTICAL), projectLabel);
        setTop(bar);

        viewer.mesh().setMouseTransparent(true); // the gizmo's rings stay pickable through the body
        ghost3d.setId("annotate-ghost-mesh");
        ghost3d.setWireframe(true);
        ghost3d.setMouseTransparent(true);
        ghost3d.setVisible(false);
        proposal3d.setId("annotate-proposal-mesh");
        proposal3d.setWireframe(true);
        proposal3d.setColorMap(ColorMap.VIRIDIS);
        proposal3d.setMouseTransparent(true);
        proposal3d.setVisible(false);
        viewer.overlays().getChildren().addAll(ghost3d, proposal3d, gizmo);
        gizmo.setListener(new JointGizmo.Listener() {
            @Override
            public void dragging(double[] axisAngle) {
                previewRotation(axisAngle);
            }

            @Override
            public void released(double[] axisAngle) {
                commitRotation(axisAngle);
            }
        });
        edit.rigJointProperty().addListener((o, a, j) -> placeGizmo());
        shape.setListener(new ShapePane.Listener() {
            @Override
            public void preview(double[] deltaBetas) {
                previewShape(deltaBetas);
            }

            @Override
            public void commit(double[] deltaBetas) {
                dragStart = null;
                session.reshape(deltaBetas);
            }
        });
        session.proposalProperty().addListener((o, a, p) -> showProposal());

        StackPane view3d = new StackPane(viewer, legend);
        StackPane.setAlignment(legend, javafx.geometry.Pos.BOTTOM_LEFT);
        StackPane.setMargin(legend, new Insets(8));
        legend.setVisible(false);
        SplitPane views = new SplitPane(image, view3d);
        views.setDividerPositions(0.55);
        // Shape sliders fold away: with them open the refit controls would leave the screen.
        shapeSection.setId("annotate-shape-section");
        shapeSection.setExpanded(false);
        shapeSection.setAnimated(false);
        VBox side = new VBox(edit, shapeSection, new Separator(), refit);
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.setMinWidth(270);
        // The queue's filters and rows stay readable however narrow the window starts.
        queue.setMinWidth(230);
        SplitPane main = new SplitPane(queue, views, sideScroll);
        main.setDividerPositions(0.18, 0.78);
        // Laid out first while its tab is hidden (at a width near zero), the panes' minimum widths move the dividers;
        // put them where they belong once the workspace has its real width.
        main.widthProperty().addListener(new javafx.beans.value.ChangeListener<Number>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (now.doubleValue() > 700) {
                    main.widthProperty().removeListener(this);
                    Platform.runLater(() -> main.setDividerPositions(0.2, 0.76));
                }
            }
        });
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

    /** The ring gizmo of the 3D view. */
    JointGizmo gizmo() {
        return gizmo;
    }

    /** The refit proposal's wireframe in the 3D view. */
    VertexColoredMesh proposalMesh() {
        return proposal3d;
    }

    /** The original mesh's wireframe in the 3D view. */
    VertexColoredMesh ghostMesh() {
        return ghost3d;
    }

    ShapePane shapePane() {
        return shape;
    }

    /** Whether the current item's image is decoded and shown (it loads off the FX thread). */
    public boolean imageReady() {
        return !imageLoading && shownImage != null;
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
            gizmo.setVisible(false);
            shape.setShapeNames(List.of());
            shapeSection.setVisible(false);
            shapeSection.setManaged(false);
            updateStatus();
            return;
        }
        MetroTemplate t = p.template().template();
        projectLabel.setText(p.file().getFileName() + " · " + t.kind().id() + " template " + t.fullVertexCount()
                + " vertices · labeler " + p.author());
        edit.setJointNames(t.tokenJointNames(), p.template().rig().jointNames());
        shape.setShapeNames(p.template().rig().shapeNames());
        boolean shapes = p.template().rig().shapeCount() > 0;
        shapeSection.setVisible(shapes);
        shapeSection.setManaged(shapes);
        updateStatus();
    }

    private void showItem(ItemSnapshot s) {
        AnnotationProject p = session.projectProperty().get();
        if (s == null || p == null) {
            image.show(null, null, new int[0], null, null, null);
            image.setGhost(null);
            shownItem = -1;
            gizmo.setVisible(false);
            ghost3d.setVisible(false);
            legend.setVisible(false);
            updateStatus();
            return;
        }
        MetroTemplate t = p.template().template();
        if (!s.imageFile().equals(shownImagePath)) {
            Path file = s.imageFile();
            shownImagePath = file;
            shownImage = null;
            imageLoading = true;
            FxImages.loadAsync(file, loaded -> {
                if (file.equals(shownImagePath)) {
                    shownImage = loaded;
                    imageLoading = false;
                    showItem(session.currentProperty().get());
                }
            });
        }
        float[] vertices = s.mesh().currentVertices();
        int[] parents = parents(t);
        image.setLoading(imageLoading);
        image.show(shownImage, s.joints(), parents, s.item().crop(), project(vertices, s.mesh().camera(),
                s.item().crop()), t.faces());
        image.setGhost(ghost.isSelected() ? project(s.mesh().originalVertices(), s.mesh().originalCamera(),
                s.item().crop()) : null);
        if (s.id() != shownItem) {
            viewer.show(vertices, t.faces());
            ghost3d.setGeometry(s.mesh().originalVertices(), t.faces());
            ghost3d.setColorMap(ColorMap.GREY);
            ghost3d.setUniformLevel(1f);
            proposal3d.setGeometry(vertices, t.faces());
            proposal3d.setUniformLevel(0.72f);
            shownItem = s.id();
            image.requestFocus();
        } else {
            viewer.update(vertices);
        }
        ghost3d.setVisible(ghost.isSelected());
        colour(s.mesh().originalVertices(), vertices);
        viewer.showJoints(s.mesh().joints3d(), parents);
        edit.showJoint(s);
        placeGizmo();
        showProposal();
        updateStatus();
    }

    private static int[] parents(MetroTemplate t) {
        return (t.kind() == TemplateKind.HAND ? JointSet.FREIHAND_21 : JointSet.LSP_14).parents();
    }

    /** Heatmap of the per-vertex distance (mm) from the original mesh, or the plain grey mesh. */
    private void colour(float[] original, float[] vertices) {
        if (!heatmap.isSelected()) {
            viewer.mesh().setColorMap(ColorMap.GREY);
            viewer.mesh().setUniformLevel(0.75f);
            legend.setVisible(false);
            return;
        }
        float[] mm = displacementMm(original, vertices);
        double max = HEATMAP_MIN_MM;
        for (float d : mm) {
            max = Math.max(max, d);
        }
        heatmapMaxMm = Math.ceil(max);
        float[] level = new float[mm.length];
        for (int i = 0; i < mm.length; i++) {
            level[i] = (float) (mm[i] / heatmapMaxMm);
        }
        viewer.mesh().setColorMap(ColorMap.VIRIDIS);
        viewer.mesh().setScalars(level);
        legend.setMaximum(heatmapMaxMm);
        legend.setVisible(true);
    }

    /** Per-vertex distance in millimetres between two meshes of the same topology. */
    static float[] displacementMm(float[] a, float[] b) {
        float[] out = new float[a.length / 3];
        for (int i = 0; i < out.length; i++) {
            double dx = a[3 * i] - b[3 * i];
            double dy = a[3 * i + 1] - b[3 * i + 1];
            double dz = a[3 * i + 2] - b[3 * i + 2];
            out[i] = (float) (1000 * Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        return out;
    }

    /** The heatmap's top value in mm (0 when it is off). */
    double heatmapMaximumMm() {
        return heatmap.isSelected() ? heatmapMaxMm : 0;
    }

    private void showProposal() {
        AnnotateSession.RefitProposal p = session.proposalProperty().get();
        ItemSnapshot s = session.currentProperty().get();
        if (p == null || s == null || p.itemId() != s.id()) {
            proposal3d.setVisible(false);
            image.setProposal(null, null);
            return;
        }
        float[] v = p.result().vertices();
        proposal3d.setPositions(v);
        proposal3d.setVisible(true);
        image.setProposal(project(v, p.result().camera(), s.item().crop()), p.result().joints2d());
    }

    /** Puts the ring gizmo on the kinematic joint chosen in the edit panel, sized to the mesh. */
    private void placeGizmo() {
        AnnotationProject p = session.projectProperty().get();
        ItemSnapshot s = session.currentProperty().get();
        int j = edit.rigJointProperty().get();
        if (p == null || s == null || j < 0 || gizmo.dragging()) {
            gizmo.setVisible(gizmo.dragging());
            return;
        }
        float[] v = s.mesh().currentVertices();
        double[] joints = p.editor().poser().joints(v);
        double extent = 0;
        for (int a = 0; a < 3; a++) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int i = a; i < v.length; i += 3) {
                lo = Math.min(lo, v[i]);
                hi = Math.max(hi, v[i]);
            }
            extent = Math.max(extent, hi - lo);
        }
        gizmo.place(joints[3 * j], joints[3 * j + 1], joints[3 * j + 2], 0.09 * extent);
    }

    private void previewRotation(double[] axisAngle) {
        AnnotationProject p = session.projectProperty().get();
        ItemSnapshot s = session.currentProperty().get();
        int j = edit.rigJointProperty().get();
        if (p == null || s == null || j < 0) {
            return;
        }
        if (dragStart == null) {
            dragStart = s.mesh().currentVertices();
        }
        preview(p.editor().poser().rotateJoint(dragStart, j, axisAngle), s);
    }

    private void commitRotation(double[] axisAngle) {
        dragStart = null;
        int j = edit.rigJointProperty().get();
        double angle = Math.sqrt(axisAngle[0] * axisAngle[0] + axisAngle[1] * axisAngle[1]
                + axisAngle[2] * axisAngle[2]);
        if (j >= 0 && angle >= Math.toRadians(0.1)) {
            session.rotateJoint(j, axisAngle);
        } else {
            showItem(session.currentProperty().get());
        }
    }

    private void previewShape(double[] deltaBetas) {
        AnnotationProject p = session.projectProperty().get();
        ItemSnapshot s = session.currentProperty().get();
        if (p == null || s == null) {
            return;
        }
        if (dragStart == null) {
            dragStart = s.mesh().currentVertices();
        }
        preview(p.editor().shaper().reshape(dragStart, deltaBetas), s);
    }

    /** Shows vertices that are not stored yet (a drag in progress) in both views. */
    private void preview(float[] vertices, ItemSnapshot s) {
        viewer.update(vertices);
        colour(s.mesh().originalVertices(), vertices);
        image.previewMesh(project(vertices, s.mesh().camera(), s.item().crop()));
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
            if (imageLoading) {
                sb.append(" · loading the image…");
            } else if (shownImage == null) {
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
}
