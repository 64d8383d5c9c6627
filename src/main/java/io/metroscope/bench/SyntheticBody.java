package io.metroscope.bench;

import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.SparseMatrix;
import io.metroscope.model.MeshKind;
import io.metroscope.recon.PostProcessor;
import io.metroscope.recon.Reconstruction;
import io.metroscope.vision.CropTransform;
import io.metroscope.vision.RgbImage;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A body-sized stand-in for a METRO body template and its reconstructions, with no licensed data: a closed
 * capsule of 6890 vertices (53 rings × 130 segments, 13520 triangles, about SMPL's 13776), the coarse (431) and
 * middle (1723) levels with 3-weight upsampling rows like the real sampling file's, 14 LSP joints, and
 * reconstructions whose pose sways frame by frame and whose attention (4 layers × 4 heads × 445 × 445) falls off
 * with distance between tokens. For UI benchmarks: the sizes are what the views handle with the real model.
 */
public final class SyntheticBody {

    /** Vertices of the full mesh, as SMPL's. */
    public static final int VERTICES = 6890;
    /** Coarse vertex tokens, as METRO's body. */
    public static final int COARSE = 431;
    /** Middle level, as METRO's body. */
    public static final int MID = 1723;
    private static final int RINGS = 53;
    private static final int SEGMENTS = 130;
    private static final int LAYERS = 4;
    private static final int HEADS = 4;

    private final MetroTemplate template;
    private final float[] rest;
    private final int[] coarseIndex;
    private final int[] midIndex;
    private final int[] jointIndex;

    public SyntheticBody() {
        rest = capsule();
        coarseIndex = spread(COARSE);
        midIndex = spread(MID);
        // Joint anchors: vertices at LSP-like heights and sides (ankles low, head high).
        double[][] anchors = {{0.95, 0.2}, {0.72, 0.2}, {0.5, 0.15}, {0.5, 0.85}, {0.72, 0.8}, {0.95, 0.8},
            {0.45, 0.05}, {0.35, 0.02}, {0.2, 0.1}, {0.2, 0.9}, {0.35, 0.98}, {0.45, 0.95}, {0.12, 0.5},
            {0.04, 0.5}};
        jointIndex = new int[anchors.length];
        for (int j = 0; j < anchors.length; j++) {
            int ring = (int) Math.round(anchors[j][0] * (RINGS - 1));
            int seg = (int) Math.round(anchors[j][1] * (SEGMENTS - 1) / 2);
            jointIndex[j] = ring * SEGMENTS + seg;
        }
        template = buildTemplate();
    }

    public MetroTemplate template() {
        return template;
    }

    /** The triangles of the full mesh. */
    public int[] faces() {
        return template.faces();
    }

    /** The mesh of frame {@code k} (metres, root-centred): the rest capsule swaying and bending. */
    public float[] pose(long k) {
        double turn = 0.35 * Math.sin(k / 11.0);
        double bend = 0.06 * Math.sin(k / 7.0);
        double c = Math.cos(turn);
        double s = Math.sin(turn);
        float[] p = new float[rest.length];
        for (int i = 0; i < VERTICES; i++) {
            double x = rest[3 * i];
            double y = rest[3 * i + 1];
            double z = rest[3 * i + 2];
            x += bend * (y + 0.85) * (y + 0.85);
            p[3 * i] = (float) (c * x + s * z);
            p[3 * i + 1] = (float) y;
            p[3 * i + 2] = (float) (-s * x + c * z);
        }
        return p;
    }

    /**
     * Frame {@code k}'s reconstruction of an image of {@code width × height} (the centre square cropped to 224), with
     * every layer's attention when {@code attention} is on; {@code source} names the image (a file for stills).
     */
    public Reconstruction reconstruction(String source, int width, int height, long k, boolean attention) {
        float[] v = pose(k);
        int side = Math.min(width, height);
        CropTransform crop = new CropTransform((width - side) / 2.0, (height - side) / 2.0, side / 224.0,
                side / 224.0, 224, 224);
        float[] camera = {1.05f, 0, 0};
        float[] joints = pick(v, jointIndex);
        float[] coarse = pick(v, coarseIndex);
        float[] mid = pick(v, midIndex);
        float[] att = attention ? attention(joints, coarse, k) : new float[0];
        return new Reconstruction(source, crop, "synthetic body", MeshKind.BODY, camera, joints, coarse, mid, v,
                new float[3], v, joints, PostProcessor.project(joints, camera), PostProcessor.project(coarse, camera),
                att, attention ? LAYERS : 0, attention ? HEADS : 0, 7, new double[0],
                new Reconstruction.Timings(30, 1, 2));
    }

    /** A {@code width × height} frame: a smooth gradient with a moving band, so that frames differ. */
    public static RgbImage frame(int width, int height, long k) {
        byte[] rgb = new byte[width * height * 3];
        int band = (int) (k * 7 % width);
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i += 3) {
                boolean inBand = Math.abs(x - band) < 12;
                rgb[i] = (byte) (40 + 120 * x / width);
                rgb[i + 1] = (byte) (inBand ? 200 : 50 + 100 * y / height);
                rgb[i + 2] = (byte) 90;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** Layers × heads × N × N rows that sum to one, each head with its own falloff with token distance. */
    private static float[] attention(float[] joints, float[] coarse, long k) {
        int n = joints.length / 3 + coarse.length / 3;
        float[] pos = new float[3 * n];
        System.arraycopy(joints, 0, pos, 0, joints.length);
        System.arraycopy(coarse, 0, pos, joints.length, coarse.length);
        float[] out = new float[LAYERS * HEADS * n * n];
        Random noise = new Random(k);
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                double width = 0.08 + 0.06 * h + 0.05 * l;
                int base = (l * HEADS + h) * n * n;
                for (int q = 0; q < n; q++) {
                    double sum = 0;
                    for (int t = 0; t < n; t++) {
                        double dx = pos[3 * q] - pos[3 * t];
                        double dy = pos[3 * q + 1] - pos[3 * t + 1];
                        double dz = pos[3 * q + 2] - pos[3 * t + 2];
                        double a = Math.exp(-Math.sqrt(dx * dx + dy * dy + dz * dz) / width)
                                * (0.8 + 0.4 * noise.nextDouble());
                        out[base + q * n + t] = (float) a;
                        sum += a;
                    }
                    for (int t = 0; t < n; t++) {
                        out[base + q * n + t] /= (float) sum;
                    }
                }
            }
        }
        return out;
    }

    private static float[] pick(float[] v, int[] index) {
        float[] out = new float[3 * index.length];
        for (int i = 0; i < index.length; i++) {
            System.arraycopy(v, 3 * index[i], out, 3 * i, 3);
        }
        return out;
    }

    /** {@code count} vertex indices spread evenly over the mesh. */
    private static int[] spread(int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (int) ((long) i * VERTICES / count);
        }
        return out;
    }

    /** A capsule 1.7 m tall (y down), its radius varying with height like a rough figure. */
    private static float[] capsule() {
        float[] p = new float[3 * VERTICES];
        for (int r = 0; r < RINGS; r++) {
            double t = r / (double) (RINGS - 1);
            double y = -0.85 + 1.7 * t;
            double radius = 0.02 + 0.16 * Math.sin(Math.PI * t) * (0.75 + 0.25 * Math.cos(6 * Math.PI * t));
            for (int s = 0; s < SEGMENTS; s++) {
                double phi = 2 * Math.PI * s / SEGMENTS;
                int i = 3 * (r * SEGMENTS + s);
                p[i] = (float) (radius * Math.cos(phi) * 1.4);
                p[i + 1] = (float) y;
                p[i + 2] = (float) (radius * Math.sin(phi));
            }
        }
        return p;
    }

    private static int[] capsuleFaces() {
        int[] f = new int[(RINGS - 1) * SEGMENTS * 6];
        int k = 0;
        for (int r = 0; r < RINGS - 1; r++) {
            for (int s = 0; s < SEGMENTS; s++) {
                int a = r * SEGMENTS + s;
                int b = r * SEGMENTS + (s + 1) % SEGMENTS;
                int c = a + SEGMENTS;
                int d = b + SEGMENTS;
                f[k++] = a;
                f[k++] = c;
                f[k++] = b;
                f[k++] = b;
                f[k++] = c;
                f[k++] = d;
            }
        }
        return f;
    }

    private MetroTemplate buildTemplate() {
        double[] full = new double[rest.length];
        for (int i = 0; i < full.length; i++) {
            full[i] = rest[i];
        }
        double[] coarse = toDouble(pick(rest, coarseIndex));
        double[] mid = toDouble(pick(rest, midIndex));
        SparseMatrix d0 = selection(MID, VERTICES, midIndex);
        SparseMatrix d1 = selection(COARSE, MID, spreadOver(COARSE, MID));
        SparseMatrix u0 = threeWeights(VERTICES, MID);
        SparseMatrix u1 = threeWeights(MID, COARSE);
        int rows = JointSet.H36M_17.size();
        int[] r = new int[rows * 6];
        int[] c = new int[rows * 6];
        double[] w = new double[rows * 6];
        for (int j = 0; j < rows; j++) {
            for (int q = 0; q < 6; q++) {
                r[j * 6 + q] = j;
                c[j * 6 + q] = (j * 397 + q * 53) % VERTICES;
                w[j * 6 + q] = 1.0 / 6;
            }
        }
        double[] ref = new double[3 * (JointSet.LSP_14.size() + COARSE)];
        System.arraycopy(toDouble(pick(rest, jointIndex)), 0, ref, 0, 3 * JointSet.LSP_14.size());
        System.arraycopy(coarse, 0, ref, 3 * JointSet.LSP_14.size(), coarse.length);
        return new MetroTemplate(TemplateKind.BODY, full, capsuleFaces(), mid, coarse, List.of(d0, d1),
                List.of(u0, u1), SparseMatrix.fromCoordinates(rows, VERTICES, r, c, w), JointSet.H36M_17,
                JointSet.LSP_14, new double[3], ref, Map.of("source", "synthetic UI benchmark body"));
    }

    private static int[] spreadOver(int count, int of) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (int) ((long) i * of / count);
        }
        return out;
    }

    /** rows × cols with a single 1 per row at {@code columns[row]}. */
    private static SparseMatrix selection(int rows, int cols, int[] columns) {
        int[] r = new int[rows];
        double[] w = new double[rows];
        for (int i = 0; i < rows; i++) {
            r[i] = i;
            w[i] = 1;
        }
        return SparseMatrix.fromCoordinates(rows, cols, r, columns.clone(), w);
    }

    /** Upsampling rows × cols: each row mixes three neighbouring columns (weights 0.5, 0.3, 0.2). */
    private static SparseMatrix threeWeights(int rows, int cols) {
        int[] r = new int[3 * rows];
        int[] c = new int[3 * rows];
        double[] w = new double[3 * rows];
        double[] weights = {0.5, 0.3, 0.2};
        for (int i = 0; i < rows; i++) {
            int base = (int) ((long) i * cols / rows);
            for (int q = 0; q < 3; q++) {
                r[3 * i + q] = i;
                c[3 * i + q] = Math.min(cols - 1, base + q);
                w[3 * i + q] = weights[q];
            }
        }
        return SparseMatrix.fromCoordinates(rows, cols, r, c, w);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
