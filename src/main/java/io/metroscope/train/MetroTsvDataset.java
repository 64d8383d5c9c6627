package io.metroscope.train;

import io.metroscope.body.JointSet;
import io.metroscope.body.JointMapping;
import io.metroscope.body.LinearBlendSkinning;
import io.metroscope.body.ManoHand;
import io.metroscope.body.ManoModel;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.PosedMesh;
import io.metroscope.body.SmplModel;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.format.SparseMatrix;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.OfficialTransforms;
import io.metroscope.vision.RgbImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A METRO TSV dataset ({@link MetroTsvLayout}) as training samples, the way {@code MeshTSVDataset} /
 * {@code HandMeshTSVDataset} build them: rows by the line list, the base64 image decoded and cropped at the label's
 * {@code center} / {@code scale} (box side 200·scale px) to 224 px with the augmentation's scale and rotation applied
 * in the crop, flipped and noised after; 3D joints made relative to the pelvis (J24 index 14) / wrist, rotated and
 * flipped with the image; body joints mapped J24 → LSP-14 ({@code J24_TO_J14}), hand joints kept (FreiHAND-21).
 * 2D joints go through the same affine continuously (the official code truncates them to whole pixels).
 *
 * <p>Body labels hold SMPL {@code pose}/{@code betas}, not vertices: with an SMPL model whose mesh is the template's
 * (6890 vertices) the mesh is posed from the augmented pose ({@code rot_aa}, {@code flip_pose}), centred on its
 * H36M pelvis and down-sampled to the template's levels; otherwise samples carry joints only (no mesh loss) and
 * {@link #notes()} says why.
 *
 * <p>Hand labels hold MANO {@code pose} (48) / {@code betas}: with a MANO model whose mesh is the template's (778
 * vertices) the mesh and the 3D joints come from the model, as {@code run_metro_handmesh.py} builds its targets from
 * {@code mano_model.layer(gt_pose, gt_betas) / 1000} and centres them on the layer's wrist (joint 0), with
 * {@code has_3d_joints = has_smpl}. That layer is manopth's {@code ManoLayer(flat_hand_mean=False, use_pca=False)}
 * (microsoft/MeshTransformer {@code metro/modeling/_mano.py}); its forward (hassony2/manopth
 * {@code manopth/manolayer.py}) adds {@code hands_mean} to the 45
 * finger values and leaves the 3 root values as given, returns the 16 posed skeleton joints plus the fingertip
 * vertices 745, 317, 444, 556, 673 in FreiHAND order, and scales to millimetres, which the /1000 undoes (our model
 * is in metres already). The pose's root is turned with the image ({@code rot_aa} in {@code hand_mesh_tsv.py});
 * hands are never flipped; the 2D joints and their flag stay the label's.
 * Streams: only the TSV index offsets stay in memory. Thread-safe.
 */
public final class MetroTsvDataset implements TrainingSource, AutoCloseable {

    /** The crop side the network takes. */
    public static final int SIZE = 224;

    /** GraphCMR's 24 joints, the body labels' order ({@code J24_NAME} in METRO's config). */
    static final List<String> J24 = List.of("R_Ankle", "R_Knee", "R_Hip", "L_Hip", "L_Knee", "L_Ankle", "R_Wrist",
            "R_Elbow", "R_Shoulder", "L_Shoulder", "L_Elbow", "L_Wrist", "Neck", "Top_of_Head", "Pelvis", "Thorax",
            "Spine", "Jaw", "Head", "Nose", "L_Eye", "R_Eye", "L_Ear", "R_Ear");

    /** SMPL's 24 joint triples under a mirror ({@code flip_pose}: swap left/right joints, negate y and z). */
    private static final int[] SMPL_FLIP = {0, 2, 1, 3, 5, 4, 6, 8, 7, 9, 11, 10, 12, 14, 13, 15, 17, 16, 19, 18, 21,
        20, 23, 22};

    private final MetroTsvLayout layout;
    private final TsvFile images;
    private final TsvFile labels;
    private final int[] lines;
    private final MetroTemplate template;
    private final SmplModel smpl;
    private final ManoModel mano;
    private final JointSet tokenJoints;
    private final List<String> notes = new ArrayList<>();

    private MetroTsvDataset(MetroTsvLayout layout, TsvFile images, TsvFile labels, int[] lines,
            MetroTemplate template, SmplModel smpl, ManoModel mano) {
        this.layout = layout;
        this.images = images;
        this.labels = labels;
        this.lines = lines;
        this.template = template;
        this.tokenJoints = template.tokenJoints();
        this.smpl = template.kind() == TemplateKind.BODY ? usable(smpl) : null;
        this.mano = template.kind() == TemplateKind.BODY ? null : usable(mano);
    }

    /** The SMPL model if it fits the template, else null with a note saying why. */
    private SmplModel usable(SmplModel model) {
        if (model == null) {
            notes.add("no SMPL model configured: TSV samples carry joints only (no vertex loss); give --smpl (or set"
                    + " it in View ▸ Body Model Files…) to pose the labels' SMPL parameters into meshes");
            return null;
        }
        if (model.vertexCount() != template.fullVertexCount()) {
            notes.add("the SMPL model has " + model.vertexCount() + " vertices but the template's mesh "
                    + template.fullVertexCount() + ": TSV samples carry joints only (train with the official SMPL"
                    + " template to get mesh targets)");
            return null;
        }
        return model;
    }

    /** The MANO model if it fits the template, else null with a note saying why. */
    private ManoModel usable(ManoModel model) {
        if (model == null) {
            notes.add("no MANO model configured: hand TSV samples carry joints only (no vertex loss); give --mano (or"
                    + " set it in View ▸ Body Model Files…) to pose the labels' MANO parameters into meshes");
            return null;
        }
        if (model.skin().vertexCount() != template.fullVertexCount()) {
            notes.add("the MANO model has " + model.skin().vertexCount() + " vertices but the template's mesh "
                    + template.fullVertexCount() + ": hand TSV samples carry joints only (choose MANO_RIGHT.pkl, 778"
                    + " vertices, with a hand template)");
            return null;
        }
        return model;
    }

    /** Opens the dataset of a yaml or folder for {@code template}'s kind; {@code smpl} may be null. */
    public static MetroTsvDataset open(Path yamlOrFolder, MetroTemplate template, SmplModel smpl)
            throws IOException {
        return open(yamlOrFolder, template, smpl, null);
    }

    /**
     * Opens the dataset of a yaml or folder for {@code template}'s kind: {@code smpl} poses body labels, {@code mano}
     * hand labels (either may be null; only the one of the template's kind is used).
     */
    public static MetroTsvDataset open(Path yamlOrFolder, MetroTemplate template, SmplModel smpl, ManoModel mano)
            throws IOException {
        MetroTsvLayout layout = MetroTsvLayout.locate(yamlOrFolder);
        if (layout.label() == null) {
            throw new FormatException(layout.source(), "the dataset has no label TSV, so it cannot be trained or"
                    + " evaluated on", "add 'label: <split>.label.tsv' to the yaml");
        }
        TsvFile images = TsvFile.open(layout.img());
        TsvFile labels = null;
        try {
            labels = TsvFile.open(layout.label());
            if (labels.rows() != images.rows()) {
                throw new FormatException(layout.label(), "it has " + labels.rows() + " rows but the image TSV "
                        + images.rows(), "the label and image TSVs must be written together, row for row");
            }
            int[] lines = layout.linelist() == null ? null : lineList(layout.linelist(), images.rows());
            return new MetroTsvDataset(layout, images, labels, lines, template, smpl, mano);
        } catch (IOException | RuntimeException e) {
            images.close();
            if (labels != null) {
                labels.close();
            }
            throw e;
        }
    }

    /**
     * The kind of a dataset's labels, from the joint count of its first item: 24 (GraphCMR) or 14 (LSP) joints
     * are a body, 21 (FreiHAND) a hand.
     */
    public static TemplateKind kindOf(MetroTsvLayout layout) throws IOException {
        if (layout.label() == null) {
            throw new FormatException(layout.source(), "the dataset has no label TSV, so it cannot be trained or"
                    + " evaluated on", "add 'label: <split>.label.tsv' to the yaml");
        }
        try (TsvFile labels = TsvFile.open(layout.label())) {
            if (labels.rows() == 0) {
                throw new FormatException(layout.label(), "it has no rows", "write at least one labelled item");
            }
            int row = layout.linelist() == null ? 0 : lineList(layout.linelist(), labels.rows())[0];
            String[] cells = labels.row(row);
            if (cells.length < 2) {
                throw new FormatException(labels.file(), "row " + row + " has no label column",
                        "each label row is '<key>\\t<JSON list>'");
            }
            int joints = MetroTsvLabel.parse(cells[1], labels.file(), row).jointCount();
            if (joints == J24.size() || joints == JointSet.LSP_14.size()) {
                return TemplateKind.BODY;
            }
            if (joints == JointSet.FREIHAND_21.size()) {
                return TemplateKind.HAND;
            }
            throw new FormatException(labels.file(), "row " + row + " has " + joints + " joints, neither a body's (24"
                    + " in GraphCMR order, or 14 LSP) nor a hand's (21 in FreiHAND order)",
                    "write the labels with METRO's joint layouts (see tsv_demo_h36m.py / tsv_demo_freihand.py)");
        }
    }

    private static int[] lineList(Path file, int rows) throws IOException {
        try (TsvFile list = TsvFile.open(file)) {
            int[] out = new int[list.rows()];
            for (int i = 0; i < out.length; i++) {
                String cell = list.key(i);
                try {
                    out[i] = Integer.parseInt(cell);
                } catch (NumberFormatException e) {
                    throw new FormatException(file, "row " + i + " is not a row number: '" + cell + "'",
                            "a line list holds one row number of the label TSV per line", e);
                }
                if (out[i] < 0 || out[i] >= rows) {
                    throw new FormatException(file, "row " + i + " names row " + out[i] + " of " + rows,
                            "regenerate the line list for this label TSV");
                }
            }
            return out;
        }
    }

    public MetroTsvLayout layout() {
        return layout;
    }

    /** What the samples lack and why (shown once by the caller); empty when they are complete. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public int size() {
        return lines == null ? images.rows() : lines.length;
    }

    private int row(int index) {
        return lines == null ? index : lines[index];
    }

    /** The key and annotation of item {@code index}. */
    public MetroTsvLabel label(int index) throws IOException {
        int row = row(index);
        String[] cells = labels.row(row);
        if (cells.length < 2) {
            throw new FormatException(labels.file(), "row " + row + " has no label column",
                    "each label row is '<key>\\t<JSON list>'");
        }
        return MetroTsvLabel.parse(cells[1], labels.file(), row);
    }

    /** The whole decoded image of item {@code index}. */
    public RgbImage image(int index) throws IOException {
        int row = row(index);
        String[] cells = images.row(row);
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(cells[cells.length - 1]);
        } catch (IllegalArgumentException e) {
            throw new FormatException(images.file(), "row " + row + ": the image column is not base64 ("
                    + e.getMessage() + ")", "each image row is '<key>\\t<base64 of the JPEG/PNG bytes>'", e);
        }
        return ImageDecoder.decode(bytes, images.file(), DecodeOptions.officialParity());
    }

    @Override
    public TrainingSample get(int index) throws IOException {
        return get(index, AugmentParams.NONE);
    }

    @Override
    public TrainingSample get(int index, AugmentParams p) throws IOException {
        MetroTsvLabel label = label(index);
        RgbImage image = image(index);
        int row = row(index);
        boolean body = template.kind() == TemplateKind.BODY;
        boolean flip = p.flip() && body;
        double h = 200 * label.scale() * p.scale();
        double[] m = SampleAugmenter.rotation(p.rotation());
        float[] input = crop(image, label.center(), h, m, flip, p.noise());
        int[] map = jointMap(label.jointCount(), body, row);
        int[] perm = flip ? tokenJoints.mirrorPermutation() : null;
        int j = tokenJoints.size();
        double[] root = root(label, body);
        float[] j3 = new float[3 * j];
        float[] conf3 = new float[j];
        float[] j2 = new float[3 * j];
        float[] px = new float[2 * j];
        for (int k = 0; k < j; k++) {
            int src = map[perm == null ? k : perm[k]];
            double x = label.joints3d()[4 * src] - root[0];
            double y = label.joints3d()[4 * src + 1] - root[1];
            double rx = m[0] * x + m[1] * y;
            j3[3 * k] = (float) (flip ? -rx : rx);
            j3[3 * k + 1] = (float) (m[2] * x + m[3] * y);
            j3[3 * k + 2] = (float) (label.joints3d()[4 * src + 2] - root[2]);
            conf3[k] = (float) label.joints3d()[4 * src + 3];
            double dx = (label.joints2d()[3 * src] - label.center()[0]) * 2 / h;
            double dy = (label.joints2d()[3 * src + 1] - label.center()[1]) * 2 / h;
            double nx = m[0] * dx + m[1] * dy;
            j2[3 * k] = (float) (flip ? -nx : nx);
            j2[3 * k + 1] = (float) (m[2] * dx + m[3] * dy);
            j2[3 * k + 2] = (float) label.joints2d()[3 * src + 2];
            px[2 * k] = (j2[3 * k] + 1) * SIZE / 2f;
            px[2 * k + 1] = (j2[3 * k + 1] + 1) * SIZE / 2f;
        }
        Mesh mesh = body ? mesh(label, p.rotation(), flip) : handMesh(label, p.rotation());
        boolean has3d = label.hasJoints3d();
        if (mesh.joints != null) {
            // the official hand targets: the layer's wrist-centred joints, has_3d_joints = has_smpl
            j3 = mesh.joints;
            java.util.Arrays.fill(conf3, 1f);
            has3d = true;
        }
        float[] pose = toFloat(label.pose());
        TrainingItem item = new TrainingItem(index, layout.img(), SIZE, j3, j2, px, mesh.full, mesh.mid, mesh.coarse,
                toFloat(root), new float[0], pose, toFloat(label.betas()), new byte[0], has3d,
                label.hasJoints2d(), mesh.real, conf3);
        return new TrainingSample(input, item);
    }

    /** Token joint k ← label joint {@code map[k]}. */
    private int[] jointMap(int labelJoints, boolean body, int row) throws FormatException {
        int j = tokenJoints.size();
        int[] map = new int[j];
        if (body && labelJoints == J24.size()) {
            for (int k = 0; k < j; k++) {
                map[k] = J24.indexOf(tokenJoints.names().get(k));
            }
            return map;
        }
        if (labelJoints == j) {
            for (int k = 0; k < j; k++) {
                map[k] = k;
            }
            return map;
        }
        throw new FormatException(labels.file(), "row " + row + " has " + labelJoints + " joints; a "
                + template.kind().id() + " dataset needs " + (body ? "24 (GraphCMR order) or " : "") + j,
                "train with the template of the dataset's kind (--template-file / the recipe's kind)");
    }

    /** The 3D root subtracted: J24 pelvis, the hips' middle for LSP-14 labels, else joint 0 (the wrist). */
    private static double[] root(MetroTsvLabel label, boolean body) {
        double[] j = label.joints3d();
        if (body && label.jointCount() == J24.size()) {
            int p = J24.indexOf("Pelvis");
            return new double[] {j[4 * p], j[4 * p + 1], j[4 * p + 2]};
        }
        if (body) {
            return new double[] {(j[8] + j[12]) / 2, (j[9] + j[13]) / 2, (j[10] + j[14]) / 2};
        }
        return new double[] {j[0], j[1], j[2]};
    }

    /** The mesh targets; {@code joints} replaces the label's 3D joints when not null (hands with MANO). */
    private record Mesh(float[] full, float[] mid, float[] coarse, boolean real, float[] joints) {
        Mesh(float[] full, float[] mid, float[] coarse, boolean real) {
            this(full, mid, coarse, real, null);
        }
    }

    private Mesh mesh(MetroTsvLabel label, double degrees, boolean flip) {
        int full = 3 * template.fullVertexCount();
        int mid = template.midVertices().length;
        int coarse = 3 * template.coarseVertexCount();
        if (smpl == null || !label.hasSmpl() || label.pose().length != 72) {
            return new Mesh(new float[full], new float[mid], new float[coarse], false);
        }
        double[] pose = label.pose().clone();
        double[] g = SampleAugmenter.rotateAxisAngle(new double[] {pose[0], pose[1], pose[2]}, degrees);
        System.arraycopy(g, 0, pose, 0, 3);
        if (flip) {
            double[] flipped = new double[72];
            for (int k = 0; k < 24; k++) {
                int from = SMPL_FLIP[k];
                flipped[3 * k] = pose[3 * from];
                flipped[3 * k + 1] = -pose[3 * from + 1];
                flipped[3 * k + 2] = -pose[3 * from + 2];
            }
            pose = flipped;
        }
        double[] betas = java.util.Arrays.copyOf(label.betas(), Math.min(label.betas().length, smpl.shapeCount()));
        double[] v = LinearBlendSkinning.pose(smpl, pose, betas).vertices();
        double[] joints = template.jointRegressor().multiply(v, 3);
        int r = template.regressorJoints().root();
        for (int i = 0; i < v.length; i++) {
            v[i] -= joints[3 * r + i % 3];
        }
        return levels(v, null);
    }

    /** A root-centred full mesh and its template levels. */
    private Mesh levels(double[] v, float[] joints) {
        List<SparseMatrix> down = template.downsampling();
        double[] level = v;
        double[] midLevel = new double[0];
        for (int s = 0; s < down.size(); s++) {
            level = down.get(s).multiply(level, 3);
            if (s == 0 && down.size() > 1) {
                midLevel = level;
            }
        }
        return new Mesh(toFloat(v), toFloat(midLevel), toFloat(level), true, joints);
    }

    /**
     * A hand label's MANO mesh and joints, wrist-centred, as the official layer makes them (see the class comment):
     * the root turned by the augmentation's rotation, {@code hands_mean} added to the fingers.
     */
    private Mesh handMesh(MetroTsvLabel label, double degrees) {
        if (mano == null || !label.hasSmpl() || label.pose().length != 48) {
            return new Mesh(new float[3 * template.fullVertexCount()], new float[template.midVertices().length],
                    new float[3 * template.coarseVertexCount()], false);
        }
        double[] pose = label.pose().clone();
        double[] g = SampleAugmenter.rotateAxisAngle(new double[] {pose[0], pose[1], pose[2]}, degrees);
        System.arraycopy(g, 0, pose, 0, 3);
        double[] mean = mano.handsMean();
        for (int i = 0; i < mean.length; i++) {
            pose[3 + i] += mean[i];
        }
        double[] betas = java.util.Arrays.copyOf(label.betas(), Math.min(label.betas().length,
                mano.skin().shapeCount()));
        PosedMesh posed = LinearBlendSkinning.pose(mano.skin(), pose, betas);
        double[] v = posed.vertices();
        double[] layer = new double[3 * 21];
        System.arraycopy(posed.joints(), 0, layer, 0, 3 * 16);
        for (int t = 0; t < 5; t++) {
            System.arraycopy(v, 3 * ManoHand.LAYER_TIPS[t], layer, 3 * (16 + t), 3);
        }
        double[] joints = JointMapping.MANO_21_TO_FREIHAND_21.apply(layer, 3);
        double[] wrist = {joints[0], joints[1], joints[2]};
        for (int i = 0; i < v.length; i++) {
            v[i] -= wrist[i % 3];
        }
        for (int i = 0; i < joints.length; i++) {
            joints[i] -= wrist[i % 3];
        }
        return levels(v, toFloat(tokenOrder(joints)));
    }

    /** FreiHAND-21 joints in the template's token order (the same set for METRO's hand templates). */
    private double[] tokenOrder(double[] freihand) {
        if (tokenJoints == JointSet.FREIHAND_21) {
            return freihand;
        }
        return JointMapping.byName(JointSet.FREIHAND_21, tokenJoints).apply(freihand, 3);
    }

    /**
     * The 224 px input: output pixel centre {@code n} (after the flip) samples the frame at
     * {@code center + h/2·Mᵀ·n} (bilinear, black outside), then noise, /255 and ImageNet normalisation.
     */
    static float[] crop(RgbImage image, double[] center, double h, double[] m, boolean flip, float[] noise) {
        float[] out = new float[3 * SIZE * SIZE];
        int plane = SIZE * SIZE;
        int w = image.width();
        int ht = image.height();
        byte[] rgb = image.rgb();
        double half = h / 2;
        for (int v = 0; v < SIZE; v++) {
            for (int u = 0; u < SIZE; u++) {
                double nx = 2 * (u + 0.5) / SIZE - 1;
                double ny = 2 * (v + 0.5) / SIZE - 1;
                if (flip) {
                    nx = -nx;
                }
                double x = center[0] + half * (m[0] * nx + m[2] * ny);
                double y = center[1] + half * (m[1] * nx + m[3] * ny);
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                double fx = x - x0;
                double fy = y - y0;
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int xi = x0 + dx;
                            int yi = y0 + dy;
                            if (xi >= 0 && yi >= 0 && xi < w && yi < ht) {
                                double wgt = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                                sum += wgt * (rgb[3 * (yi * w + xi) + c] & 0xFF);
                            }
                        }
                    }
                    double value = Math.min(255, Math.max(0, sum * noise[c])) / 255;
                    out[c * plane + v * SIZE + u] = (float) ((value - OfficialTransforms.MEAN[c])
                            / OfficialTransforms.STD[c]);
                }
            }
        }
        return out;
    }

    private static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            images.close();
        } finally {
            labels.close();
        }
    }
}
