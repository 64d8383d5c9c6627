package io.metroscope.ui.attention;

import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.DaemonThreads;
import io.metroscope.recon.AttentionMaps;
import io.metroscope.recon.HeadMode;
import io.metroscope.recon.Reconstruction;
import io.metroscope.ui.FxImages;
import io.metroscope.ui.SaveDialog;
import io.metroscope.ui.mesh.ColorMap;
import io.metroscope.ui.mesh.MeshViewer3D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Point3D;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Attention workspace: one joint's attention in a layer of the last transformer block (the last layer by
 * default), painted on the full 3D mesh and splatted over the image; heads averaged (as the official demo),
 * maximum or one head; column normalisation on or off; pick the joint from the list or by clicking the mesh or
 * the image. Figures export as PNG and SVG, numbers as CSV and NPY.
 */
public final class AttentionWorkspace extends BorderPane {

    private final MeshViewer3D viewer = new MeshViewer3D();
    private final AttentionSplatView splats = new AttentionSplatView();
    private final ListView<String> joints = new ListView<>();
    private final ComboBox<String> layers = new ComboBox<>();
    private final ComboBox<String> heads = new ComboBox<>();
    private final CheckBox normalise = new CheckBox("Column normalisation (official)");
    private final ComboBox<ColorMap> maps = new ComboBox<>();
    private final ColorLegend legend = new ColorLegend();
    private final Label placeholder = new Label("Reconstruct an image first: its attention shows here.");
    private final BiConsumer<String, Throwable> onError;
    private final AttentionMatrixView matrixView = new AttentionMatrixView();
    private final ComboBox<String> matrixKind = new ComboBox<>();
    private final ComboBox<Integer> pngDpi = new ComboBox<>();
    private final CheckBox average = new CheckBox("Average over all reconstructed images");
    private final Supplier<List<Reconstruction>> allResults;
    private Reconstruction result;
    private MetroTemplate template;
    private Image image;
    private Path imageFile;
    /** The newest finished paint (FX thread only); null until the first arrives. */
    private AttentionPaint paint;
    /** Generation of the newest paint asked for: older ones arriving late are dropped. */
    private volatile long requested;
    private final java.util.concurrent.ExecutorService painter = DaemonThreads.single("attention-paint");
    /** The coarse → full mapping of {@link #mappedTemplate}, made once per template on the painter thread. */
    private volatile io.metroscope.format.SparseMatrix coarseToFull;
    private volatile MetroTemplate mappedTemplate;
    private boolean active = true;
    private boolean pending;
    private Reconstruction pendingResult;
    private MetroTemplate pendingTemplate;
    private String legendLow = "0";
    private String legendHigh = "1";

    /** {@code allResults} gives every reconstruction of the session, for dataset-averaged matrices. */
    public AttentionWorkspace(BiConsumer<String, Throwable> onError, Supplier<List<Reconstruction>> allResults) {
        this.onError = onError;
        this.allResults = allResults;
        setId("attention-workspace");
        joints.setId("attention-joints");
        layers.setId("attention-layer");
        heads.setId("attention-heads");
        normalise.setId("attention-normalise");
        maps.setId("attention-colormap");
        normalise.setSelected(true);
        maps.getItems().setAll(ColorMap.VIRIDIS, ColorMap.INFERNO, ColorMap.OFFICIAL_YELLOW);
        maps.getSelectionModel().select(ColorMap.VIRIDIS);
        joints.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> repaint());
        layers.valueProperty().addListener((o, a, b) -> recombine());
        heads.valueProperty().addListener((o, a, b) -> recombine());
        normalise.selectedProperty().addListener((o, a, b) -> recombine());
        maps.valueProperty().addListener((o, a, m) -> {
            viewer.mesh().setColorMap(m);
            legend.setMap(m);
            repaint();
            showMatrix();
        });
        viewer.mesh().setColorMap(ColorMap.VIRIDIS);
        // A click (not the end of an orbit drag) on the mesh or a joint sphere picks a joint.
        viewer.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.isStillSincePress()) {
                pickJoint(e.getPickResult());
            }
        });
        splats.setOnImageClicked(this::pickJoint2d);

        MenuButton export = new MenuButton("Export");
        export.setId("attention-export");
        export.getItems().addAll(
                item("3D figure (PNG, SVG)…", this::export3d, "*.png", "*.svg"),
                item("Image figure (PNG, SVG)…", this::exportSplats, "*.png", "*.svg"),
                item("Official demo figure (PNG, SVG)…", this::exportDemoFigure, "*.png", "*.svg"),
                item("Multi-joint figure (PNG, SVG)…", this::exportJointGrid, "*.png", "*.svg"),
                item("Matrix figure (PNG, SVG)…", this::exportMatrixFigure, "*.png", "*.svg"),
                new SeparatorMenuItem(),
                item("Joint row (CSV)…", this::exportRowCsv, "*.csv"),
                item("Joints × tokens of this layer (NPY)…", this::exportMatrixNpy, "*.npy"),
                item("Joints × tokens of every layer (NPY)…", this::exportAllLayersNpy, "*.npy"),
                item("Matrix numbers (CSV)…", this::exportMatrixCsv, "*.csv"));
        pngDpi.setId("attention-png-dpi");
        pngDpi.getItems().setAll(io.metroscope.format.PngFiles.DPI_CHOICES);
        pngDpi.setValue(72);
        pngDpi.setTooltip(new javafx.scene.control.Tooltip("Resolution of PNG figures: 72 is the size on screen; "
                + "higher renders larger and says so in the file"));
        HBox exportRow = new HBox(6, export, new Label("PNG"), pngDpi, new Label("DPI"));
        exportRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox controls = new VBox(8, new Label("Joint (or click the mesh or image)"), joints, new Label("Layer"), layers,
                new Label("Heads"), heads, normalise, new Label("Colour map"), maps, legend, exportRow);
        controls.setPadding(new Insets(8));
        controls.setPrefWidth(240);
        SplitPane views = new SplitPane(viewer, splats);
        matrixKind.setId("attention-matrix-kind");
        average.setId("attention-average");
        matrixKind.getItems().setAll("Joints × tokens", "Joints × joints");
        matrixKind.setValue("Joints × tokens");
        matrixKind.valueProperty().addListener((o, a, b) -> recombine());
        average.selectedProperty().addListener((o, a, b) -> recombine());
        BorderPane matrixPane = new BorderPane(matrixView);
        HBox matrixBar = new HBox(8, matrixKind, average);
        matrixBar.setPadding(new Insets(6));
        matrixPane.setTop(matrixBar);
        TabPane pages = new TabPane(new Tab("Mesh and image", views), new Tab("Matrix", matrixPane));
        pages.setId("attention-pages");
        pages.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setLeft(controls);
        setCenter(new StackPane(pages, placeholder));
        pages.visibleProperty().bind(placeholder.visibleProperty().not());
    }

    /**
     * Shows the attention of a reconstruction made with {@code t}; null clears the view. While the workspace is
     * not on screen ({@link #setActive}) only the newest result is kept, and shown when it comes back: results
     * of a folder run then cost the FX thread nothing here.
     */
    public void show(Reconstruction r, MetroTemplate t) {
        if (!active) {
            pending = true;
            pendingResult = r;
            pendingTemplate = t;
            return;
        }
        io.metroscope.ui.FxTiming.run("attention.show", () -> showNow(r, t));
    }

    /** Whether the workspace is on screen; coming back shows the newest result kept while it was not. */
    public void setActive(boolean on) {
        active = on;
        if (on && pending) {
            pending = false;
            Reconstruction r = pendingResult;
            MetroTemplate t = pendingTemplate;
            pendingResult = null;
            pendingTemplate = null;
            show(r, t);
        }
    }

    /** True when the views show the paint of the current choices (no paint is being made). */
    public boolean isPainted() {
        return result == null || paint != null && paint.key().equals(currentKey());
    }

    private void showNow(Reconstruction r, MetroTemplate t) {
        Reconstruction shownBefore = result;
        result = r != null && r.hasAttention() ? r : null;
        template = t;
        placeholder.setVisible(result == null);
        if (result == null) {
            return;
        }
        // Decoded off the FX thread; the splats are drawn again when it arrives.
        Path source = Path.of(r.source());
        if (!source.equals(imageFile)) {
            imageFile = source;
            image = null;
            FxImages.loadAsync(source, loaded -> {
                if (source.equals(imageFile)) {
                    image = loaded;
                    repaint();
                }
            });
        }
        List<String> names = (r.kind() == MeshKind.HAND ? JointSet.FREIHAND_21 : JointSet.LSP_14).names();
        int selected = joints.getSelectionModel().getSelectedIndex();
        result = null; // no repaint while the choices are refilled
        if (!joints.getItems().equals(names)) {
            joints.getItems().setAll(names);
        }
        // Keep the user's layer and heads when the new result has them; the last layer is the default.
        int keepLayer = layers.getValue() == null || layers.getItems().size() != r.attentionLayers() ? -1
                : selectedLayer();
        String keepHeads = heads.getValue();
        List<String> layerNames = new ArrayList<>();
        for (int l = 0; l < r.attentionLayers(); l++) {
            layerNames.add("Layer " + (l + 1) + (l == r.attentionLayers() - 1 ? " (last)" : ""));
        }
        List<String> headNames = new ArrayList<>(List.of("Mean of heads", "Max of heads"));
        for (int h = 0; h < r.attentionHeads(); h++) {
            headNames.add("Head " + (h + 1));
        }
        if (!layers.getItems().equals(layerNames)) {
            layers.getItems().setAll(layerNames);
        }
        layers.setValue(layerNames.get(keepLayer >= 0 ? keepLayer : layerNames.size() - 1));
        if (!heads.getItems().equals(headNames)) {
            heads.getItems().setAll(headNames);
        }
        heads.setValue(headNames.contains(keepHeads) ? keepHeads : "Mean of heads");
        result = r;
        if (shownBefore != r) {
            paint = null;
        }
        viewer.show(r.verticesCentered(), t.faces());
        viewer.showJoints(r.jointsRegressed(), null);
        if (paint == null) {
            // Grey until this result's paint arrives, rather than the previous result's colours.
            viewer.mesh().setUniformLevel(0.75f);
        }
        recombine();
        // The official demo's joint: R_Elbow for the body, the wrist for the hand.
        joints.getSelectionModel().select(selected >= 0 && selected < names.size() ? selected
                : r.kind() == MeshKind.HAND ? 0 : 7);
    }

    /** Picks a joint by name index and repaints. */
    public void selectJoint(int joint) {
        joints.getSelectionModel().select(joint);
    }

    /** Chooses how heads are combined: "Mean of heads", "Max of heads" or "Head N". */
    public void selectHeads(String choice) {
        heads.setValue(choice);
    }

    /** Chooses a layer of the last block, 0 = its first. */
    public void selectLayer(int layer) {
        layers.setValue(layers.getItems().get(layer));
    }

    public int selectedJoint() {
        return joints.getSelectionModel().getSelectedIndex();
    }

    /** The layer shown, 0 = the block's first. */
    public int selectedLayer() {
        return Math.max(0, layers.getItems().indexOf(layers.getValue()));
    }

    public MeshViewer3D viewer() {
        return viewer;
    }

    /** The image view with the splats (clicking it picks the nearest joint). */
    public Node imageView() {
        return splats;
    }

    /** Where a point of the image (image pixels) lies on the image view, in the view's coordinates. */
    public javafx.geometry.Point2D imageToView(double x, double y) {
        double[] p = splats.toView(x, y);
        return new javafx.geometry.Point2D(p[0], p[1]);
    }

    /** The current joint's row over all tokens (after layer choice, head combination and normalisation). */
    public double[] currentRow() {
        return AttentionMaps.row(combined(), result.tokenCount(), Math.max(0, selectedJoint()));
    }

    /** The choices shown now, or null without a result or choices. */
    private AttentionPaint.Key currentKey() {
        if (result == null || heads.getValue() == null || layers.getValue() == null) {
            return null;
        }
        return new AttentionPaint.Key(result, selectedLayer(), headMode(), headIndex(), normalise.isSelected(),
                jointsOnly(), average.isSelected());
    }

    /**
     * The combined matrix of the current choices: the finished paint's when it matches, else computed now (an
     * export or a test right after a change must not read the previous choice's numbers).
     */
    private double[] combined() {
        AttentionPaint.Key key = currentKey();
        return paint != null && paint.key().equals(key) ? paint.combined() : AttentionPaint.combine(key, result);
    }

    private void recombine() {
        io.metroscope.ui.FxTiming.run("attention.recombine", this::recombineNow);
    }

    /**
     * Asks the painter thread for the paint of the current choices (newest wins); the FX thread only swaps the
     * finished paint in ({@code attention.apply}).
     */
    private void recombineNow() {
        AttentionPaint.Key key = currentKey();
        if (key == null) {
            return;
        }
        if (paint != null && paint.key().equals(key)) {
            repaint();
            showMatrix();
            return;
        }
        long generation = ++requested;
        MetroTemplate t = template;
        List<Reconstruction> others = key.averaged() ? allResults.get() : List.of();
        painter.execute(() -> {
            if (generation != requested) {
                return; // a newer choice came in before this one started
            }
            try {
                AttentionPaint made = AttentionPaint.compute(key, mapping(t), others);
                javafx.application.Platform.runLater(() -> io.metroscope.ui.FxTiming.run("attention.apply", () -> {
                    if (generation == requested) {
                        paint = made;
                        repaint();
                        showMatrix();
                    }
                }));
            } catch (RuntimeException e) {
                javafx.application.Platform.runLater(() -> onError.accept("Attention of " + key.result().source()
                        + " could not be shown", e));
            }
        });
    }

    /** The template's coarse → full mapping, composed once per template (painter thread). */
    private io.metroscope.format.SparseMatrix mapping(MetroTemplate t) {
        if (t != mappedTemplate) {
            coarseToFull = AttentionMaps.coarseToFull(t);
            mappedTemplate = t;
        }
        return coarseToFull;
    }

    /** The matrix shown: joints × tokens or joints × joints, of this image or averaged over all, this layer. */
    public double[] currentMatrix() {
        AttentionPaint.Key key = currentKey();
        if (paint != null && paint.key().equals(key)) {
            return paint.matrix();
        }
        return AttentionPaint.matrix(key, combined(), key.averaged() ? allResults.get() : List.of());
    }

    private boolean jointsOnly() {
        return "Joints × joints".equals(matrixKind.getValue());
    }

    private List<String> columnNames(int cols) {
        List<String> colNames = new ArrayList<>(joints.getItems().subList(0, Math.min(cols, result.jointCount())));
        for (int i = result.jointCount(); i < cols; i++) {
            colNames.add("vertex_" + (i - result.jointCount()));
        }
        return colNames;
    }

    private void showMatrix() {
        io.metroscope.ui.FxTiming.run("attention.matrix", this::showMatrixNow);
    }

    private void showMatrixNow() {
        if (result == null || paint == null || paint.key().result() != result
                || joints.getItems().size() != result.jointCount()) {
            return;
        }
        int cols = paint.matrixCols();
        matrixView.show(paint.matrix(), result.jointCount(), cols, joints.getItems(), columnNames(cols),
                maps.getValue());
    }

    private HeadMode headMode() {
        String h = heads.getValue();
        return h.startsWith("Mean") ? HeadMode.MEAN : h.startsWith("Max") ? HeadMode.MAX : HeadMode.SINGLE;
    }

    private int headIndex() {
        return headMode() == HeadMode.SINGLE ? Integer.parseInt(heads.getValue().substring("Head ".length())) - 1 : -1;
    }

    /** Everything the figures and numbers are made from, as shown now. */
    private AttentionSelection selection() {
        if (result == null || currentKey() == null) {
            throw new IllegalStateException("no attention to export: reconstruct an image first");
        }
        return new AttentionSelection(result, template, combined(), Math.max(0, selectedJoint()), selectedLayer(),
                headMode(), headIndex(), normalise.isSelected(), maps.getValue(), List.copyOf(joints.getItems()));
    }

    /** The resolution PNG figures are written at (one of {@link io.metroscope.format.PngFiles#DPI_CHOICES}). */
    public void setPngDpi(int dpi) {
        if (!pngDpi.getItems().contains(dpi)) {
            throw new IllegalArgumentException("PNG resolution must be one of " + pngDpi.getItems() + " DPI: " + dpi);
        }
        pngDpi.setValue(dpi);
    }

    private int dpi() {
        return pngDpi.getValue() == null ? 72 : pngDpi.getValue();
    }

    /** A node rendered at the PNG resolution chosen (72 DPI: its size on screen). */
    private BufferedImage render(Node node) {
        javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
        double k = io.metroscope.format.PngFiles.scaleFor(dpi());
        p.setTransform(javafx.scene.transform.Transform.scale(k, k));
        return SwingFXUtils.fromFXImage(node.snapshot(p, null), null);
    }

    /** Writes the matrix figure: PNG (the view) or SVG (vector cells) by the file's extension. */
    public void exportMatrixFigure(Path file) throws IOException {
        if (AttentionExports.isSvg(file)) {
            int cols = jointsOnly() ? result.jointCount() : result.tokenCount();
            AttentionSelection s = selection();
            String title = (jointsOnly() ? "Joints × joints" : "Joints × tokens") + " · " + s.layerLabel() + " · "
                    + s.headsLabel() + (average.isSelected() ? " · averaged over images" : "");
            AttentionExports.svg(AttentionSvg.matrix(currentMatrix(), result.jointCount(), cols, joints.getItems(),
                    columnNames(cols), maps.getValue(), title), file);
        } else {
            AttentionExports.png(render(matrixView.canvas()), file, dpi());
        }
    }

    /** Writes the matrix shown as CSV: one row per joint, one column per token. */
    public void exportMatrixCsv(Path file) throws IOException {
        double[] m = currentMatrix();
        AttentionExports.matrixCsv(m, joints.getItems(), columnNames(m.length / result.jointCount()), file);
    }

    /** Shows the joints × tokens or joints × joints matrix, averaged over all images or not. */
    public void showMatrix(boolean jointsByJoints, boolean averaged) {
        matrixKind.setValue(jointsByJoints ? "Joints × joints" : "Joints × tokens");
        average.setSelected(averaged);
    }

    private void repaint() {
        io.metroscope.ui.FxTiming.run("attention.joint", this::repaintNow);
    }

    /**
     * Shows joint {@code j} of the finished paint: one copy of precomputed palette coordinates into the mesh, the
     * legend's two labels, and the splats (drawn on the painter's numbers).
     */
    private void repaintNow() {
        int j = selectedJoint();
        if (result == null || paint == null || paint.key().result() != result || j < 0
                || j >= paint.meshUv().length) {
            return;
        }
        if (viewer.mesh().vertexCount() * 2 == paint.meshUv()[j].length) {
            viewer.mesh().setTexCoords(paint.meshUv()[j]);
        }
        legendLow = paint.low()[j];
        legendHigh = paint.high()[j];
        legend.setRange(legendLow, legendHigh);
        splats.show(image, result, paint.coarse()[j], j, maps.getValue());
    }

    /**
     * Picks the joint a click on the 3D view means: a joint sphere is that joint; a point on the mesh surface
     * picks the joint nearest to it. Anything else (background) changes nothing.
     */
    public void pickJoint(PickResult pick) {
        Node node = pick.getIntersectedNode();
        if (result == null || node == null) {
            return;
        }
        if (node.getId() != null && node.getId().startsWith("joint-")) {
            joints.getSelectionModel().select(Integer.parseInt(node.getId().substring("joint-".length())));
            return;
        }
        Point3D p = pick.getIntersectedPoint();
        if (node == viewer.mesh() && p != null) {
            joints.getSelectionModel().select(JointPicker.nearest3d(result.jointsRegressed(), p.getX(), p.getY(),
                    p.getZ()));
        }
    }

    /** Picks the joint whose 2D position is nearest to a point of the image (image pixels). */
    private void pickJoint2d(double x, double y) {
        if (result != null) {
            joints.getSelectionModel().select(JointPicker.nearest2d(result.joints2dImagePixels(), x, y));
        }
    }

    /** Writes the 3D view: PNG, or SVG (the snapshot embedded, with title and vector legend). */
    public void export3d(Path file) throws IOException {
        if (AttentionExports.isSvg(file)) {
            BufferedImage shot = SwingFXUtils.fromFXImage(viewer.snapshot(), null);
            AttentionExports.svg(AttentionSvg.snapshot(shot, maps.getValue(), selection().title(), legendLow,
                    legendHigh), file);
        } else {
            AttentionExports.png(render(viewer), file, dpi());
        }
    }

    /** Writes the image with the attention splats: PNG (the view), or SVG (vector splats over the image). */
    public void exportSplats(Path file) throws IOException {
        if (AttentionExports.isSvg(file)) {
            // The original pixels: the view's image may be scaled down for display.
            Image original = FxImages.load(Path.of(result.source()));
            if (original == null) {
                throw new IllegalStateException(result.source() + " could not be read back for the figure");
            }
            AttentionSelection s = selection();
            float[] coarse = AttentionMaps.coarseVertexValues(s.row(), result.jointCount());
            AttentionExports.svg(AttentionSvg.splats(SwingFXUtils.fromFXImage(original, null),
                    result.verticesCoarse2dImagePixels(), coarse, result.joints2dImagePixels(), s.joint(),
                    maps.getValue(), s.title(), legendLow, legendHigh), file);
        } else {
            AttentionExports.png(render(splats.canvas()), file, dpi());
        }
    }

    /** Writes the official demo's figure for the current joint and layer: input | attention rays | mesh. */
    public void exportDemoFigure(Path file) throws IOException {
        AttentionExports.demoFigure(selection(), file, dpi());
    }

    /** Writes the paper-style grid: the input, then the rays of the official demo's six joints (this layer). */
    public void exportJointGrid(Path file) throws IOException {
        AttentionExports.jointGrid(selection(), file, dpi());
    }

    /** Writes the current joint's row: joint, layer (from 1), heads, normalisation, then token, name, value. */
    public void exportRowCsv(Path file) throws IOException {
        AttentionExports.rowCsv(selection(), file);
    }

    /** Writes the joints × tokens matrix (paper Fig. 4) of the layer shown as float64 .npy. */
    public void exportMatrixNpy(Path file) throws IOException {
        AttentionExports.matrixNpy(selection(), file);
    }

    /** Writes layers × joints × tokens (every layer of the block, the heads and normalisation shown) as .npy. */
    public void exportAllLayersNpy(Path file) throws IOException {
        AttentionExports.allLayersNpy(selection(), file);
    }

    /** An export action that may fail. */
    @FunctionalInterface
    private interface Exporter {
        void write(Path file) throws IOException;
    }

    private MenuItem item(String text, Exporter exporter, String... patterns) {
        MenuItem it = new MenuItem(text);
        it.setOnAction(e -> {
            if (result == null) {
                return;
            }
            SaveDialog.ask(getScene().getWindow(), "Export " + text.replace("…", ""),
                    selection().fileStem() + patterns[0].substring(1), SaveDialog.byPattern(patterns))
                    .ifPresent(target -> {
                        try {
                            exporter.write(target);
                        } catch (IOException | RuntimeException ex) {
                            onError.accept("Export to " + target.getFileName() + " failed", ex);
                        }
                    });
        });
        return it;
    }
}
