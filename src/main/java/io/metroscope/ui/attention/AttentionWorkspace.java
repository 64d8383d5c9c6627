package io.metroscope.ui.attention;

import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.format.AtomicFiles;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npy;
import io.metroscope.model.MeshKind;
import io.metroscope.recon.AttentionMaps;
import io.metroscope.recon.HeadMode;
import io.metroscope.recon.Reconstruction;
import io.metroscope.ui.mesh.ColorMap;
import io.metroscope.ui.FxImages;
import io.metroscope.ui.mesh.MeshViewer3D;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Point3D;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.image.Image;
import javafx.scene.input.PickResult;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/**
 * The Attention workspace: one joint's attention in the last transformer layer, painted on the full 3D mesh and
 * splatted over the image; heads averaged (as the official demo), maximum or one head; column normalisation on
 * or off; pick the joint from the list or by clicking the mesh. Figures export as PNG, numbers as CSV and NPY.
 */
public final class AttentionWorkspace extends BorderPane {

    private final MeshViewer3D viewer = new MeshViewer3D();
    private final AttentionSplatView splats = new AttentionSplatView();
    private final ListView<String> joints = new ListView<>();
    private final ComboBox<String> heads = new ComboBox<>();
    private final CheckBox normalise = new CheckBox("Column normalisation (official)");
    private final ComboBox<ColorMap> maps = new ComboBox<>();
    private final ColorLegend legend = new ColorLegend();
    private final Label placeholder = new Label("Reconstruct an image first: its attention shows here.");
    private final BiConsumer<String, Throwable> onError;
    private final AttentionMatrixView matrixView = new AttentionMatrixView();
    private final ComboBox<String> matrixKind = new ComboBox<>();
    private final CheckBox average = new CheckBox("Average over all reconstructed images");
    private final Supplier<List<Reconstruction>> allResults;
    private Reconstruction result;
    private MetroTemplate template;
    private Image image;
    private double[] combined;

    /** {@code allResults} gives every reconstruction of the session, for dataset-averaged matrices. */
    public AttentionWorkspace(BiConsumer<String, Throwable> onError, Supplier<List<Reconstruction>> allResults) {
        this.onError = onError;
        this.allResults = allResults;
        setId("attention-workspace");
        joints.setId("attention-joints");
        heads.setId("attention-heads");
        normalise.setId("attention-normalise");
        maps.setId("attention-colormap");
        normalise.setSelected(true);
        maps.getItems().setAll(ColorMap.VIRIDIS, ColorMap.INFERNO, ColorMap.OFFICIAL_YELLOW);
        maps.getSelectionModel().select(ColorMap.VIRIDIS);
        joints.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> repaint());
        heads.valueProperty().addListener((o, a, b) -> recombine());
        normalise.selectedProperty().addListener((o, a, b) -> recombine());
        maps.valueProperty().addListener((o, a, m) -> {
            viewer.mesh().setColorMap(m);
            legend.setMap(m);
            repaint();
            showMatrix();
        });
        viewer.mesh().setColorMap(ColorMap.VIRIDIS);
        viewer.mesh().setOnMouseClicked(e -> pickJoint(e.getPickResult()));

        MenuButton export = new MenuButton("Export");
        export.setId("attention-export");
        export.getItems().addAll(item("3D figure (PNG)…", "*.png", this::export3d),
                item("Image figure (PNG)…", "*.png", this::exportSplats),
                item("Official demo figure (PNG)…", "*.png", this::exportDemoFigure),
                item("Multi-joint figure (PNG)…", "*.png", this::exportJointGrid),
                item("Joint row (CSV)…", "*.csv", this::exportRowCsv),
                item("Joints × tokens (NPY)…", "*.npy", this::exportMatrixNpy));
        VBox controls = new VBox(8, new Label("Joint"), joints, new Label("Heads"), heads, normalise,
                new Label("Colour map"), maps, legend, export);
        controls.setPadding(new Insets(8));
        controls.setPrefWidth(240);
        SplitPane views = new SplitPane(viewer, splats);
        matrixKind.setId("attention-matrix-kind");
        average.setId("attention-average");
        matrixKind.getItems().setAll("Joints × tokens", "Joints × joints");
        matrixKind.setValue("Joints × tokens");
        matrixKind.valueProperty().addListener((o, a, b) -> showMatrix());
        average.selectedProperty().addListener((o, a, b) -> showMatrix());
        export.getItems().addAll(item("Matrix figure (PNG)…", "*.png", this::exportMatrixPng),
                item("Matrix numbers (CSV)…", "*.csv", this::exportMatrixCsv));
        BorderPane matrixPane = new BorderPane(matrixView);
        javafx.scene.layout.HBox matrixBar = new javafx.scene.layout.HBox(8, matrixKind, average);
        matrixBar.setPadding(new Insets(6));
        matrixPane.setTop(matrixBar);
        javafx.scene.control.TabPane pages = new javafx.scene.control.TabPane(
                new javafx.scene.control.Tab("Mesh and image", views), new javafx.scene.control.Tab("Matrix", matrixPane));
        pages.setId("attention-pages");
        pages.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        setLeft(controls);
        setCenter(new StackPane(pages, placeholder));
        pages.visibleProperty().bind(placeholder.visibleProperty().not());
    }

    /** Shows the attention of a reconstruction made with {@code template}; null clears the view. */
    public void show(Reconstruction r, MetroTemplate t) {
        result = r != null && r.hasAttention() ? r : null;
        template = t;
        placeholder.setVisible(result == null);
        if (result == null) {
            return;
        }
        image = FxImages.load(Path.of(r.source()));
        List<String> names = (r.kind() == MeshKind.HAND ? JointSet.FREIHAND_21 : JointSet.LSP_14).names();
        int selected = joints.getSelectionModel().getSelectedIndex();
        joints.getItems().setAll(names);
        String keep = heads.getValue();
        heads.getItems().setAll("Mean of heads", "Max of heads");
        for (int h = 0; h < r.attentionHeads(); h++) {
            heads.getItems().add("Head " + (h + 1));
        }
        heads.setValue(heads.getItems().contains(keep) ? keep : "Mean of heads");
        viewer.show(r.verticesCentered(), t.faces());
        viewer.showJoints(r.jointsRegressed(), null);
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

    public int selectedJoint() {
        return joints.getSelectionModel().getSelectedIndex();
    }

    public MeshViewer3D viewer() {
        return viewer;
    }

    /** The current joint's row over all tokens (after head combination and normalisation). */
    public double[] currentRow() {
        return AttentionMaps.row(combined, result.tokenCount(), Math.max(0, selectedJoint()));
    }

    private void recombine() {
        if (result == null || heads.getValue() == null) {
            return;
        }
        HeadMode mode = headMode();
        int head = headIndex();
        combined = AttentionMaps.combine(result.attention(), result.attentionHeads(), result.tokenCount(), mode, head,
                normalise.isSelected());
        repaint();
        showMatrix();
    }

    /** The matrix shown: joints × tokens or joints × joints, of this image or averaged over all. */
    public double[] currentMatrix() {
        List<Reconstruction> over = average.isSelected()
                ? allResults.get().stream().filter(r -> r.hasAttention() && r.tokenCount() == result.tokenCount()).toList()
                : List.of(result);
        int j = result.jointCount();
        int n = result.tokenCount();
        int cols = jointsOnly() ? j : n;
        double[] sum = new double[j * cols];
        for (Reconstruction r : over) {
            double[] m = r == result ? combined : AttentionMaps.combine(r.attention(), r.attentionHeads(), n,
                    headMode(), headIndex(), normalise.isSelected());
            for (int row = 0; row < j; row++) {
                for (int c = 0; c < cols; c++) {
                    sum[row * cols + c] += m[row * n + c] / over.size();
                }
            }
        }
        return sum;
    }

    private boolean jointsOnly() {
        return "Joints × joints".equals(matrixKind.getValue());
    }

    private void showMatrix() {
        if (result == null || combined == null || joints.getItems().size() != result.jointCount()) {
            return;
        }
        List<String> rowsNames = joints.getItems();
        int cols = jointsOnly() ? result.jointCount() : result.tokenCount();
        List<String> colNames = new java.util.ArrayList<>(rowsNames);
        for (int i = result.jointCount(); i < cols; i++) {
            colNames.add("vertex_" + (i - result.jointCount()));
        }
        matrixView.show(currentMatrix(), result.jointCount(), cols, rowsNames, colNames, maps.getValue());
    }

    private HeadMode headMode() {
        String h = heads.getValue();
        return h.startsWith("Mean") ? HeadMode.MEAN : h.startsWith("Max") ? HeadMode.MAX : HeadMode.SINGLE;
    }

    private int headIndex() {
        return headMode() == HeadMode.SINGLE ? Integer.parseInt(heads.getValue().substring("Head ".length())) - 1 : -1;
    }

    /** Writes the matrix figure as a PNG. */
    public void exportMatrixPng(Path file) throws IOException {
        ImageIO.write(SwingFXUtils.fromFXImage(matrixView.canvas().snapshot(null, null), null), "png", file.toFile());
    }

    /** Writes the matrix shown as CSV: one row per joint, one column per token. */
    public void exportMatrixCsv(Path file) throws IOException {
        double[] m = currentMatrix();
        int cols = m.length / result.jointCount();
        StringBuilder csv = new StringBuilder("joint");
        for (int c = 0; c < cols; c++) {
            csv.append(',').append(c < result.jointCount() ? joints.getItems().get(c) : "vertex_" + (c - result.jointCount()));
        }
        csv.append('\n');
        for (int r = 0; r < result.jointCount(); r++) {
            csv.append(joints.getItems().get(r));
            for (int c = 0; c < cols; c++) {
                csv.append(',').append(m[r * cols + c]);
            }
            csv.append('\n');
        }
        AtomicFiles.write(file, out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Shows the joints × tokens or joints × joints matrix, averaged over all images or not. */
    public void showMatrix(boolean jointsByJoints, boolean averaged) {
        matrixKind.setValue(jointsByJoints ? "Joints × joints" : "Joints × tokens");
        average.setSelected(averaged);
    }

    private void repaint() {
        int j = selectedJoint();
        if (result == null || combined == null || j < 0) {
            return;
        }
        double[] row = currentRow();
        float[] coarse = AttentionMaps.coarseVertexValues(row, result.jointCount());
        viewer.mesh().setScalars(AttentionMaps.onFullMesh(coarse, template));
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = result.jointCount(); i < row.length; i++) {
            min = Math.min(min, row[i]);
            max = Math.max(max, row[i]);
        }
        legend.setRange(String.format(Locale.ROOT, "%.2g", min), String.format(Locale.ROOT, "%.2g", max));
        splats.show(image, result, coarse, j, maps.getValue());
    }

    private void pickJoint(PickResult pick) {
        Point3D p = pick.getIntersectedPoint();
        if (result == null || p == null || pick.getIntersectedNode() != viewer.mesh()) {
            return;
        }
        float[] j3 = result.jointsRegressed();
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int j = 0; j < j3.length / 3; j++) {
            double d = p.distance(j3[3 * j], j3[3 * j + 1], j3[3 * j + 2]);
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        joints.getSelectionModel().select(best);
    }


    /** Writes the 3D view as a PNG. */
    public void export3d(Path file) throws IOException {
        ImageIO.write(SwingFXUtils.fromFXImage(viewer.snapshot(), null), "png", file.toFile());
    }

    /** Writes the image with the attention splats as a PNG. */
    public void exportSplats(Path file) throws IOException {
        ImageIO.write(SwingFXUtils.fromFXImage(splats.canvas().snapshot(null, null), null), "png", file.toFile());
    }

    /** Writes the official demo's figure for the current joint: input | attention rays | rendered mesh. */
    public void exportDemoFigure(Path file) throws IOException {
        var image = io.metroscope.vision.ImageDecoder.decode(Path.of(result.source()),
                io.metroscope.vision.DecodeOptions.forUsers());
        var figure = io.metroscope.recon.OfficialDemoFigure.compose(result, image, template.faces(), currentRow(),
                selectedJoint());
        AtomicFiles.write(file, out -> ImageIO.write(figure, "png", out));
    }

    /** Writes the paper-style grid: the input, then the rays of the official demo's six joints. */
    public void exportJointGrid(Path file) throws IOException {
        var image = io.metroscope.vision.ImageDecoder.decode(Path.of(result.source()),
                io.metroscope.vision.DecodeOptions.forUsers());
        var figure = io.metroscope.recon.OfficialDemoFigure.grid(result, image, template.faces(), combined,
                io.metroscope.recon.OfficialDemoFigure.defaultGridJoints(result.kind()));
        AtomicFiles.write(file, out -> ImageIO.write(figure, "png", out));
    }

    /** Writes the current joint's row: token index, token (joint name or vertex), value. */
    public void exportRowCsv(Path file) throws IOException {
        double[] row = currentRow();
        List<String> names = joints.getItems();
        StringBuilder csv = new StringBuilder("token,name,attention\n");
        for (int i = 0; i < row.length; i++) {
            String name = i < result.jointCount() ? names.get(i) : "vertex_" + (i - result.jointCount());
            csv.append(i).append(',').append(name).append(',').append(row[i]).append('\n');
        }
        AtomicFiles.write(file, out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the joints × tokens matrix (paper Fig. 4) as float64 .npy. */
    public void exportMatrixNpy(Path file) throws IOException {
        double[] m = AttentionMaps.jointRows(combined, result.tokenCount(), result.jointCount());
        Npy.write(file, NdArray.ofDoubles(m, result.jointCount(), result.tokenCount()));
    }

    /** An export action that may fail. */
    @FunctionalInterface
    private interface Exporter {
        void write(Path file) throws IOException;
    }

    private MenuItem item(String text, String pattern, Exporter exporter) {
        MenuItem it = new MenuItem(text);
        it.setOnAction(e -> {
            if (result == null) {
                return;
            }
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text, pattern));
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                try {
                    exporter.write(f.toPath());
                } catch (IOException | RuntimeException ex) {
                    onError.accept("Export to " + f.getName() + " failed", ex);
                }
            }
        });
        return it;
    }
}
