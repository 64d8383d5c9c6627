package io.metroscope.body;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.metroscope.format.SparseMatrix;

/**
 * Metroscope's open right hand: 778 vertices (coarse 195), like MANO's counts so it fits METRO's 21 + 195
 * hand tokens, but built from our own numbers: MANO-order 16-joint skeleton with spread, slightly flexed
 * fingers; tapered capsules and ellipsoids joined by a smooth minimum; surface nets, QEM and relaxation as for
 * the body. Built with the fingers along +y and the palm facing +z, then turned by π about x: in METRO's frame
 * the fingers point up (−y), the palm faces the camera and the thumb is on the image's right (+x). The 21
 * regressed joints are FreiHAND-ordered; fingertips are single vertices.
 */
public final class HandGenerator {
    public static final int FULL_VERTICES = 778;
    public static final int COARSE_VERTICES = 195;
    static final double GRID_STEP = 0.0022;
    static final List<String> SHAPE_NAMES = List.of("hand_length", "palm_width", "finger_thickness",
            "finger_length", "thumb_length");
    static final int JOINTS = 16;
    /** MANO order: thumb chain starts at 13; fingers index 1, middle 4, pinky 7, ring 10. */
    private static final int[] FINGER_BASE = {1, 4, 7, 10, 13};

    private HandGenerator() {
    }

    /** Joints (16×3) and the five virtual tip ends (5×3, MANO finger order), y-up. */
    static double[][] skeleton(double s) {
        double[] j = new double[3 * JOINTS];
        double[] tips = new double[15];
        double[][] base = {{0.024, 0.088, 0}, {0.002, 0.092, 0}, {-0.037, 0.077, 0}, {-0.018, 0.087, 0}};
        double[] splay = {0.14, 0.0, -0.3, -0.14};
        double[][] lengths = {{0.040, 0.024, 0.021}, {0.044, 0.028, 0.022}, {0.032, 0.020, 0.019},
            {0.041, 0.027, 0.021}};
        for (int f = 0; f < 4; f++) {
            double[] q = base[f].clone();
            int k = FINGER_BASE[f];
            for (int seg = 0; seg < 3; seg++) {
                System.arraycopy(q, 0, j, 3 * (k + seg), 3);
                double flex = 0.12 + 0.1 * seg;
                double len = lengths[f][seg];
                double[] d = {StrictMath.sin(splay[f]) * StrictMath.cos(flex), StrictMath.cos(splay[f])
                        * StrictMath.cos(flex), StrictMath.sin(flex)};
                q = new double[] {q[0] + len * d[0], q[1] + len * d[1], q[2] + len * d[2]};
            }
            System.arraycopy(q, 0, tips, 3 * f, 3);
        }
        double[][] thumb = {{0.022, 0.022, 0.012}, {0.047, 0.046, 0.024}, {0.062, 0.07, 0.031},
            {0.072, 0.092, 0.035}};
        for (int seg = 0; seg < 3; seg++) {
            System.arraycopy(thumb[seg], 0, j, 3 * (13 + seg), 3);
        }
        System.arraycopy(thumb[3], 0, tips, 12, 3);
        for (int i = 0; i < j.length; i++) {
            j[i] *= s;
        }
        for (int i = 0; i < tips.length; i++) {
            tips[i] *= s;
        }
        return new double[][] {j, tips};
    }

    static double[] at(double[] a, int k) {
        return new double[] {a[3 * k], a[3 * k + 1], a[3 * k + 2]};
    }

    /** Bone end of every joint: its next joint along the finger, the tip for distal joints, middle MCP for the wrist. */
    static double[] boneEnds(double[] j, double[] tips) {
        double[] e = new double[3 * JOINTS];
        System.arraycopy(j, 3 * 4, e, 0, 3);
        for (int f = 0; f < 5; f++) {
            int k = FINGER_BASE[f];
            System.arraycopy(j, 3 * (k + 1), e, 3 * k, 3);
            System.arraycopy(j, 3 * (k + 2), e, 3 * (k + 1), 3);
            System.arraycopy(tips, 3 * (f == 4 ? 4 : f), e, 3 * (k + 2), 3);
        }
        return e;
    }

    static ImplicitShape shape(double[] j, double[] ends, double s) {
        List<ImplicitShape.Primitive> prims = new ArrayList<>();
        prims.add(ImplicitShape.Primitive.ellipsoid(0, new double[] {-0.004 * s, 0.05 * s, 0.001 * s},
                new double[] {0.044 * s, 0.05 * s, 0.0135 * s}, 0.01));
        prims.add(ImplicitShape.Primitive.ellipsoid(0, new double[] {0, -0.004 * s, 0.0}, new double[] {0.031 * s,
            0.04 * s, 0.0165 * s}, 0.02));
        prims.add(ImplicitShape.Primitive.ellipsoid(13, new double[] {0.02 * s, 0.03 * s, 0.009 * s},
                new double[] {0.019 * s, 0.027 * s, 0.0135 * s}, 0.012));
        double[][] radii = {{0.0088, 0.0078, 0.0071, 0.0066}, {0.009, 0.008, 0.0073, 0.0068},
            {0.0075, 0.0068, 0.0062, 0.0058}, {0.0085, 0.0076, 0.0069, 0.0064}, {0.0105, 0.0095, 0.0088, 0.008}};
        for (int f = 0; f < 5; f++) {
            int k = FINGER_BASE[f];
            for (int seg = 0; seg < 3; seg++) {
                int joint = k + seg;
                double[] a = at(j, joint);
                double[] b = at(ends, joint);
                double ra = radii[f][seg] * s;
                double rb = radii[f][seg + 1] * s;
                if (seg == 2) {
                    // End the distal cone one radius short of the tip so the fingertip lands on it.
                    double len = Math.sqrt((b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1])
                            + (b[2] - a[2]) * (b[2] - a[2]));
                    double t = (len - rb) / len;
                    b = new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])};
                }
                prims.add(ImplicitShape.Primitive.cone(joint, a, b, ra, rb, seg == 0 ? 0.007 : 0.004));
            }
        }
        return new ImplicitShape(prims);
    }

    /** Generates the hand; {@code seed} 0 is canonical, others scale it by a few per cent. */
    public static OpenTemplate generate(long seed) {
        double s = seed == 0 ? 1 : 1 + 0.04 * new Random(seed).nextGaussian();
        double[][] sk = skeleton(s);
        double[] joints = sk[0];
        double[] tipEnds = sk[1];
        double[] ends = boneEnds(joints, tipEnds);
        ImplicitShape shape = shape(joints, ends, s);
        SurfaceNets.Mesh mesh = TemplateGeometry.regularSurface(shape, GRID_STEP * s, FULL_VERTICES, 10);
        double[] v = mesh.vertices();
        int[] faces = mesh.faces();
        int vc = v.length / 3;
        int[] labels = new int[vc];
        for (int i = 0; i < vc; i++) {
            labels[i] = shape.label(v[3 * i], v[3 * i + 1], v[3 * i + 2]);
        }
        double[] weights = TemplateGeometry.skinningWeights(faces, labels, JOINTS, 3, 4);
        int[] parents = new int[JOINTS];
        System.arraycopy(JointSet.MANO_21.parents(), 0, parents, 0, JOINTS);
        List<double[][]> rows = new ArrayList<>();
        for (int k = 0; k < JOINTS; k++) {
            double[] a = at(joints, k);
            double[] e = at(ends, k);
            double[] axis = {e[0] - a[0], e[1] - a[1], e[2] - a[2]};
            if (k == 0) {
                axis = new double[] {0, 1, 0};
            }
            double radius = k == 0 ? 0.045 * s : k == 13 ? 0.03 * s : 0.022 * s;
            rows.add(TemplateGeometry.ringRow(v, labels, a, axis, MannequinGenerator.chain(parents, k), radius,
                    0.0065 * s));
        }
        SparseMatrix skeletonRegressor = TemplateGeometry.rowsToMatrix(rows, vc);
        double[] restJoints = skeletonRegressor.multiply(v, 3);
        // MANO_21 order: the 16 joints, then the tips of thumb, index, middle, ring, pinky.
        List<double[][]> mano21 = new ArrayList<>(rows);
        int[] tipFinger = {4, 0, 1, 3, 2};
        for (int t = 0; t < 5; t++) {
            int f = tipFinger[t];
            int distal = FINGER_BASE[f] + 2;
            double[] a = at(joints, distal);
            double[] e = at(tipEnds, f);
            double[] dir = {e[0] - a[0], e[1] - a[1], e[2] - a[2]};
            int best = -1;
            double bestProj = -Double.MAX_VALUE;
            for (int i = 0; i < vc; i++) {
                if (labels[i] != distal) {
                    continue;
                }
                double proj = (v[3 * i] - a[0]) * dir[0] + (v[3 * i + 1] - a[1]) * dir[1] + (v[3 * i + 2] - a[2])
                        * dir[2];
                if (proj > bestProj) {
                    bestProj = proj;
                    best = i;
                }
            }
            mano21.add(new double[][] {{best}, {1.0}});
        }
        List<double[][]> frei = new ArrayList<>();
        for (int src : JointMapping.MANO_21_TO_FREIHAND_21.sourceIndex()) {
            frei.add(mano21.get(src));
        }
        SparseMatrix regressor = TemplateGeometry.rowsToMatrix(frei, vc);
        double[] shapeDirs = shapeDirections(v, weights, joints, ends);

        MeshSimplifier.Result coarse = MeshSimplifier.simplify(v, faces, COARSE_VERTICES, 0.02);
        double[] coarseV = TemplateGeometry.gather(v, coarse.kept());
        MannequinGenerator.flip(v);
        MannequinGenerator.flip(coarseV);
        MannequinGenerator.flip(restJoints);
        MannequinGenerator.flipDirs(shapeDirs, SHAPE_NAMES.size());
        double[] frJoints = regressor.multiply(v, 3);
        double[] wrist = {frJoints[0], frJoints[1], frJoints[2]};
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("generator", "io.metroscope.body.HandGenerator");
        provenance.put("seed", Long.toString(seed));
        provenance.put("licence", "CC0-1.0");
        provenance.put("recipe", "smooth union of capsules/ellipsoids on a 16-joint MANO-order skeleton; surface "
                + "nets " + GRID_STEP + " m; QEM half-edge collapse + tangential relaxation; QEM level "
                + COARSE_VERTICES + "; right hand, turned by pi about x (fingers up, palm to the camera)");
        MetroTemplate template = new MetroTemplate(TemplateKind.HAND, v, faces, new double[0], coarseV,
                List.of(TemplateGeometry.selection(coarse.kept(), vc)),
                List.of(TemplateGeometry.upsampling(v, coarseV, coarse.faces(), coarse.kept())), regressor,
                JointSet.FREIHAND_21, JointSet.FREIHAND_21, wrist, MannequinGenerator.centred(frJoints, coarseV,
                wrist), provenance);
        TemplateRig rig = new TemplateRig(JointSet.MANO_21.names().subList(0, JOINTS), parents, restJoints,
                skeletonRegressor, weights, SHAPE_NAMES, shapeDirs, new int[0], coarse.faces(), regressor);
        return new OpenTemplate(template, rig);
    }

    static double[] shapeDirections(double[] v, double[] w, double[] j, double[] ends) {
        int vc = v.length / 3;
        int s = SHAPE_NAMES.size();
        double[] out = new double[vc * 3 * s];
        for (int d = 0; d < s; d++) {
            double[] dJ = new double[3 * JOINTS];
            double[] dE = new double[3 * JOINTS];
            double[] radial = new double[3 * JOINTS];
            for (int k = 0; k < JOINTS; k++) {
                int f = fingerOf(k);
                int mcp = f < 0 ? 0 : FINGER_BASE[f];
                switch (d) {
                    case 0 -> {
                        dJ[3 * k + 1] = 0.06 * j[3 * k + 1];
                        dE[3 * k + 1] = 0.06 * ends[3 * k + 1];
                    }
                    case 1 -> {
                        dJ[3 * k] = 0.1 * j[3 * k];
                        dE[3 * k] = 0.1 * ends[3 * k];
                        if (k == 0) {
                            radial[0] = 0.1;
                        }
                    }
                    case 2 -> {
                        if (k != 0) {
                            radial[3 * k] = 0.25;
                            radial[3 * k + 1] = 0.25;
                            radial[3 * k + 2] = 0.25;
                        }
                    }
                    default -> {
                        boolean thumb = f == 4;
                        if (f >= 0 && thumb == (d == 4)) {
                            for (int c = 0; c < 3; c++) {
                                dJ[3 * k + c] = 0.08 * (j[3 * k + c] - j[3 * mcp + c]);
                                dE[3 * k + c] = 0.08 * (ends[3 * k + c] - j[3 * mcp + c]);
                            }
                        }
                    }
                }
            }
            if (d == 2 || d == 3 || d == 4) {
                System.arraycopy(dJ, 3 * 4, dE, 0, 3);
            }
            double[] field = TemplateGeometry.boneField(v, w, j, ends, dJ, dE, radial);
            for (int i = 0; i < 3 * vc; i++) {
                out[i * s + d] = field[i];
            }
        }
        return out;
    }

    private static int fingerOf(int k) {
        return k == 0 ? -1 : (k - 1) / 3;
    }
}
