package io.metroscope.body;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.metroscope.format.SparseMatrix;

/**
 * Metroscope's open body: a smooth mannequin built from our own numbers (no SMPL data), 6890 vertices like
 * SMPL so it drops into METRO's 14 + 431 token layout. Steps: a 24-joint SMPL-order skeleton in a T-pose with
 * legs apart; tapered capsules and ellipsoids around it joined by a smooth minimum; surface nets on an 8 mm
 * grid; QEM simplification and tangential relaxation into a regular closed manifold; QEM levels 1723 and 431;
 * skinning weights diffused from the nearest primitive's joint; ring regressors; ten shape directions. Built
 * y-up, facing +z, then turned by π about x into METRO's frame (y down, facing the camera).
 */
public final class MannequinGenerator {
    public static final int FULL_VERTICES = 6890;
    public static final int MID_VERTICES = 1723;
    public static final int COARSE_VERTICES = 431;
    static final double GRID_STEP = 0.008;

    static final List<String> SHAPE_NAMES = List.of("height", "girth", "shoulder_width", "hip_width",
            "arm_length", "leg_length", "head_size", "belly", "torso_length", "limb_thickness");

    /** Primary child of each SMPL joint (the end of its bone), −1 for leaves. */
    private static final int[] BONE_CHILD = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1, -1, 15, 16, 17, -1, 18, 19, 20,
        21, 22, 23, -1, -1};

    private MannequinGenerator() {
    }

    private static double[] p(double x, double y, double z) {
        return new double[] {x, y, z};
    }

    /** The 24 rest joints, y-up, pelvis at the origin; left is +x. */
    static double[] skeleton(double sx, double sy) {
        double[][] left = {
            null, p(0.085, -0.09, 0.0), null, p(0, 0.11, -0.015), p(0.105, -0.48, 0.005), null, p(0, 0.245, -0.005),
            p(0.125, -0.88, -0.035), null, p(0, 0.31, 0.0), p(0.135, -0.935, 0.085), null, p(0, 0.50, -0.015),
            p(0.075, 0.42, -0.01), null, p(0, 0.585, 0.01), p(0.185, 0.445, -0.015), null, p(0.445, 0.44, -0.03),
            null, p(0.69, 0.44, -0.025), null, p(0.785, 0.435, -0.025), null};
        double[] j = new double[72];
        for (int k = 0; k < 24; k++) {
            double[] q = left[k];
            if (k == 0) {
                q = p(0, 0, 0);
            }
            if (q == null) {
                q = left[k - 1].clone();
                q[0] = -q[0];
            }
            j[3 * k] = q[0] * sx;
            j[3 * k + 1] = q[1] * sy;
            j[3 * k + 2] = q[2] * sx;
        }
        return j;
    }

    private static double[] at(double[] j, int k) {
        return new double[] {j[3 * k], j[3 * k + 1], j[3 * k + 2]};
    }

    private static double[] mix(double[] a, double[] b, double t) {
        return new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])};
    }

    private static double[] add(double[] a, double x, double y, double z) {
        return new double[] {a[0] + x, a[1] + y, a[2] + z};
    }

    /** Virtual bone ends for the leaves: head top, fingertips, toe tips. */
    static double[] boneEnds(double[] j, double sx, double sy) {
        double[] e = new double[72];
        for (int k = 0; k < 24; k++) {
            double[] end;
            if (BONE_CHILD[k] >= 0) {
                end = at(j, BONE_CHILD[k]);
            } else if (k == 15) {
                end = add(at(j, 15), 0, 0.19 * sy, 0.005 * sx);
            } else if (k == 10 || k == 11) {
                end = add(at(j, k), 0, -0.005 * sy, 0.08 * sx);
            } else {
                double side = k == 22 ? 1 : -1;
                end = add(at(j, k), side * 0.10 * sx, 0, 0);
            }
            System.arraycopy(end, 0, e, 3 * k, 3);
        }
        return e;
    }

    static ImplicitShape shape(double[] j, double sx, double sy) {
        List<ImplicitShape.Primitive> prims = new ArrayList<>();
        double r = sx;
        double k = 0.035;
        // Torso: pelvis, buttocks, abdomen, chest, upper chest.
        prims.add(ImplicitShape.Primitive.ellipsoid(0, p(0, -0.03 * sy, 0), p(0.155 * r, 0.105 * sy, 0.105 * r), k));
        prims.add(ImplicitShape.Primitive.ellipsoid(3, p(0, 0.11 * sy, 0), p(0.135 * r, 0.12 * sy, 0.098 * r), 0.08));
        prims.add(ImplicitShape.Primitive.ellipsoid(6, p(0, 0.245 * sy, 0), p(0.15 * r, 0.11 * sy, 0.105 * r), 0.08));
        prims.add(ImplicitShape.Primitive.ellipsoid(9, p(0, 0.36 * sy, -0.005 * r), p(0.165 * r, 0.095 * sy,
                0.1 * r), 0.06));
        prims.add(ImplicitShape.Primitive.cone(12, add(at(j, 12), 0, -0.05 * sy, 0), mix(at(j, 12), at(j, 15), 0.8),
                0.058 * r, 0.05 * r, k));
        // Head with a nose, chin and brow hint so the front reads.
        double[] hc = add(at(j, 15), 0, 0.085 * sy, 0.012 * r);
        prims.add(ImplicitShape.Primitive.ellipsoid(15, hc, p(0.077 * r, 0.105 * sy, 0.093 * r), 0.03));
        prims.add(ImplicitShape.Primitive.ellipsoid(15, add(hc, 0, -0.065 * sy, 0.045 * r),
                p(0.045 * r, 0.04 * sy, 0.045 * r), 0.03));
        prims.add(ImplicitShape.Primitive.ellipsoid(15, add(hc, 0, -0.005 * sy, 0.092 * r),
                p(0.012 * r, 0.026 * sy, 0.02 * r), 0.012));
        for (int side = 0; side < 2; side++) {
            double s = side == 0 ? 1 : -1;
            int hip = 1 + side;
            int knee = 4 + side;
            int ankle = 7 + side;
            int foot = 10 + side;
            int collar = 13 + side;
            int shoulder = 16 + side;
            int elbow = 18 + side;
            int wrist = 20 + side;
            int hand = 22 + side;
            prims.add(ImplicitShape.Primitive.ellipsoid(0, p(s * 0.07 * r, -0.085 * sy, -0.04 * r),
                    p(0.085 * r, 0.09 * sy, 0.08 * r), k));
            prims.add(ImplicitShape.Primitive.cone(collar, mix(at(j, 9), at(j, collar), 0.3), at(j, shoulder),
                    0.065 * r, 0.056 * r, k));
            prims.add(ImplicitShape.Primitive.cone(shoulder, at(j, shoulder), at(j, elbow), 0.054 * r, 0.04 * r, k));
            prims.add(ImplicitShape.Primitive.cone(elbow, at(j, elbow), at(j, wrist), 0.04 * r, 0.029 * r, 0.02));
            // Hand: palm and a finger mitt, palm facing down in the T-pose, thumb forward.
            double[] palm = mix(at(j, wrist), at(j, hand), 0.55);
            prims.add(ImplicitShape.Primitive.ellipsoid(wrist, palm, p(0.06 * r, 0.021 * sy, 0.045 * r), 0.02));
            prims.add(ImplicitShape.Primitive.ellipsoid(hand, add(at(j, hand), s * 0.045 * r, 0, 0),
                    p(0.06 * r, 0.016 * sy, 0.042 * r), 0.02));
            prims.add(ImplicitShape.Primitive.cone(wrist, add(at(j, wrist), s * 0.035 * r, -0.005 * sy, 0.03 * r),
                    add(at(j, wrist), s * 0.085 * r, -0.01 * sy, 0.075 * r), 0.014 * r, 0.011 * r, 0.015));
            prims.add(ImplicitShape.Primitive.cone(hip, at(j, hip), at(j, knee), 0.085 * r, 0.055 * r, k));
            prims.add(ImplicitShape.Primitive.cone(knee, at(j, knee), at(j, ankle), 0.053 * r, 0.036 * r, 0.03));
            prims.add(ImplicitShape.Primitive.ellipsoid(knee, mix(at(j, knee), at(j, ankle), 0.3),
                    p(0.045 * r, 0.11 * sy, 0.05 * r), 0.03));
            prims.add(ImplicitShape.Primitive.cone(ankle, add(at(j, ankle), 0, -0.03 * sy, -0.02 * r),
                    add(at(j, foot), 0, 0.0, 0.0), 0.038 * r, 0.033 * r, 0.03));
            prims.add(ImplicitShape.Primitive.cone(foot, at(j, foot), add(at(j, foot), s * 0.005 * r, -0.01 * sy,
                    0.075 * r), 0.032 * r, 0.024 * r, 0.02));
        }
        return new ImplicitShape(prims);
    }

    /** Generates the body; {@code seed} 0 is the canonical mannequin, others vary its proportions by ~3 %. */
    public static OpenTemplate generate(long seed) {
        double sx = 1;
        double sy = 1;
        if (seed != 0) {
            Random random = new Random(seed);
            sx = 1 + 0.03 * random.nextGaussian();
            sy = 1 + 0.03 * random.nextGaussian();
        }
        double[] joints = skeleton(sx, sy);
        double[] ends = boneEnds(joints, sx, sy);
        ImplicitShape shape = shape(joints, sx, sy);
        SurfaceNets.Mesh mesh = TemplateGeometry.regularSurface(shape, GRID_STEP, FULL_VERTICES, 10);
        double[] v = mesh.vertices();
        int[] faces = mesh.faces();
        int vc = v.length / 3;
        int[] labels = new int[vc];
        for (int i = 0; i < vc; i++) {
            labels[i] = shape.label(v[3 * i], v[3 * i + 1], v[3 * i + 2]);
        }
        double[] weights = TemplateGeometry.skinningWeights(faces, labels, 24, 10, 4);

        int[] parents = JointSet.SMPL_24.parents();
        List<double[][]> skeletonRows = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
            skeletonRows.add(ring(v, labels, at(joints, k), axis(joints, ends, parents, k), chain(parents, k),
                    radius(k)));
        }
        SparseMatrix skeletonRegressor = TemplateGeometry.rowsToMatrix(skeletonRows, vc);
        double[] restJoints = skeletonRegressor.multiply(v, 3);

        // H36M-17: shared rows where the joints coincide, own rings for pelvis, thorax, nose and head top.
        List<double[][]> h36m = new ArrayList<>();
        double[] up = p(0, 1, 0);
        h36m.add(ring(v, labels, p(0, -0.05 * sy, 0), up, new int[] {0, 1, 2, 3}, 0.2));
        int[] sameAs = {-1, 2, 5, 8, 1, 4, 7, 6, -1, -1, -1, 16, 18, 20, 17, 19, 21};
        for (int i = 1; i < 17; i++) {
            if (sameAs[i] >= 0) {
                h36m.add(skeletonRows.get(sameAs[i]));
            } else if (i == 8) {
                h36m.add(ring(v, labels, p(0, 0.445 * sy, -0.01 * sx), up, new int[] {9, 12, 13, 14}, 0.15));
            } else if (i == 9) {
                double[] nose = add(at(joints, 15), 0, 0.075 * sy, 0.07 * sx);
                h36m.add(ring(v, labels, nose, p(0, 0, 1), new int[] {15}, 0.07));
            } else {
                double[] top = add(at(joints, 15), 0, 0.145 * sy, 0.01 * sx);
                h36m.add(ring(v, labels, top, up, new int[] {15}, 0.1));
            }
        }
        SparseMatrix h36mRegressor = TemplateGeometry.rowsToMatrix(h36m, vc);
        List<double[][]> lsp = new ArrayList<>();
        for (int src : JointMapping.H36M_17_TO_LSP_14.sourceIndex()) {
            lsp.add(h36m.get(src));
        }
        SparseMatrix lspRegressor = TemplateGeometry.rowsToMatrix(lsp, vc);

        double[] shapeDirs = shapeDirections(v, weights, joints, ends, sy);

        MeshSimplifier.Result mid = MeshSimplifier.simplify(v, faces, MID_VERTICES, 0.02);
        double[] midV = TemplateGeometry.gather(v, mid.kept());
        MeshSimplifier.Result coarse = MeshSimplifier.simplify(midV, mid.faces(), COARSE_VERTICES, 0.02);
        double[] coarseV = TemplateGeometry.gather(midV, coarse.kept());

        // Into METRO's frame: rotate by π about x.
        flip(v);
        flip(midV);
        flip(coarseV);
        flip(restJoints);
        flipDirs(shapeDirs, SHAPE_NAMES.size());

        List<SparseMatrix> down = List.of(TemplateGeometry.selection(mid.kept(), vc),
                TemplateGeometry.selection(coarse.kept(), MID_VERTICES));
        List<SparseMatrix> upm = List.of(TemplateGeometry.upsampling(v, midV, mid.faces(), mid.kept()),
                TemplateGeometry.upsampling(midV, coarseV, coarse.faces(), coarse.kept()));
        double[] h36mJoints = h36mRegressor.multiply(v, 3);
        double[] pelvis = {h36mJoints[0], h36mJoints[1], h36mJoints[2]};
        double[] lspJoints = lspRegressor.multiply(v, 3);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("generator", "io.metroscope.body.MannequinGenerator");
        provenance.put("seed", Long.toString(seed));
        provenance.put("licence", "CC0-1.0");
        provenance.put("recipe", "smooth union of capsules/ellipsoids on a 24-joint skeleton; surface nets "
                + GRID_STEP + " m; QEM half-edge collapse + tangential relaxation; QEM levels " + MID_VERTICES
                + "/" + COARSE_VERTICES + "; T-pose, turned by pi about x (y down, facing -z)");
        MetroTemplate template = new MetroTemplate(TemplateKind.BODY, v, faces, midV, coarseV, down, upm,
                h36mRegressor, JointSet.H36M_17, JointSet.LSP_14, pelvis, centred(lspJoints, coarseV, pelvis),
                provenance);
        TemplateRig rig = new TemplateRig(JointSet.SMPL_24.names(), parents, restJoints, skeletonRegressor, weights,
                SHAPE_NAMES, shapeDirs, mid.faces(), coarse.faces(), lspRegressor);
        return new OpenTemplate(template, rig);
    }

    private static double radius(int k) {
        return switch (k) {
            case 0, 3, 6, 9 -> 0.2;
            case 1, 2 -> 0.14;
            case 13, 14 -> 0.12;
            case 20, 21, 22, 23 -> 0.08;
            default -> 0.11;
        };
    }

    static double[][] ring(double[] v, int[] labels, double[] joint, double[] axis, int[] chain, double radius) {
        return TemplateGeometry.ringRow(v, labels, joint, axis, chain, radius, 0.025);
    }

    static double[] axis(double[] j, double[] ends, int[] parents, int k) {
        double[] e = at(ends, k);
        double[] a = at(j, k);
        double[] d = {e[0] - a[0], e[1] - a[1], e[2] - a[2]};
        if (k == 7 || k == 8) {
            // The ankle ring cuts the leg, not the foot.
            return new double[] {0, 1, 0};
        }
        return d;
    }

    /** Labels allowed in a joint's ring: itself, its parent and its children. */
    static int[] chain(int[] parents, int k) {
        List<Integer> out = new ArrayList<>();
        out.add(k);
        if (parents[k] >= 0) {
            out.add(parents[k]);
        }
        for (int c = 0; c < parents.length; c++) {
            if (parents[c] == k) {
                out.add(c);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The ten shape directions (y-up), V×3×S. */
    static double[] shapeDirections(double[] v, double[] w, double[] j, double[] ends, double sy) {
        int vc = v.length / 3;
        int s = SHAPE_NAMES.size();
        double[] out = new double[vc * 3 * s];
        int[] arm = {16, 17, 18, 19, 20, 21, 22, 23};
        for (int d = 0; d < s; d++) {
            double[] dJ = new double[72];
            double[] dE = new double[72];
            double[] radial = new double[72];
            boolean endsFollowChildren = true;
            switch (d) {
                case 0 -> { // height: +5 % vertical stretch about the pelvis; arms ride on the shoulders.
                    for (int k = 0; k < 24; k++) {
                        double y = isIn(arm, k) ? j[3 * (16 + (k % 2)) + 1] : j[3 * k + 1];
                        dJ[3 * k + 1] = 0.05 * y;
                    }
                    setLeafEnds(dE, dJ, ends, 0.05, true);
                    endsFollowChildren = false;
                    copyChildEnds(dE, dJ);
                }
                case 1 -> { // girth
                    for (int k = 0; k < 24; k++) {
                        double g = k == 15 ? 0.02 : k >= 20 ? 0.04 : k == 7 || k == 8 || k == 10 || k == 11 ? 0.03
                                : 0.12;
                        fill(radial, k, g, g, g);
                    }
                }
                case 2 -> { // shoulder width
                    for (int k : new int[] {13, 14}) {
                        dJ[3 * k] = 0.015 * Math.signum(j[3 * k]);
                    }
                    for (int k : arm) {
                        dJ[3 * k] = 0.035 * Math.signum(j[3 * k]);
                    }
                    fill(radial, 9, 0.08, 0, 0);
                }
                case 3 -> { // hip width
                    for (int k : new int[] {1, 2, 4, 5, 7, 8, 10, 11}) {
                        dJ[3 * k] = 0.025 * Math.signum(j[3 * k]);
                    }
                    fill(radial, 0, 0.15, 0, 0.03);
                }
                case 4 -> { // arm length: +8 % from the shoulder, hands carried rigidly
                    for (int k : new int[] {18, 19, 20, 21, 22, 23}) {
                        int sh = 16 + (k % 2);
                        int from = k >= 20 ? 20 + (k % 2) : k;
                        for (int c = 0; c < 3; c++) {
                            dJ[3 * k + c] = 0.08 * (j[3 * from + c] - j[3 * sh + c]);
                        }
                    }
                }
                case 5 -> { // leg length: +6 % from the hip, feet carried rigidly
                    for (int k : new int[] {4, 5, 7, 8, 10, 11}) {
                        int hip = 1 + ((k + 1) % 2);
                        int from = k >= 7 ? 7 + ((k + 1) % 2) : k;
                        for (int c = 0; c < 3; c++) {
                            dJ[3 * k + c] = 0.06 * (j[3 * from + c] - j[3 * hip + c]);
                        }
                    }
                }
                case 6 -> { // head size
                    fill(radial, 15, 0.12, 0.12, 0.12);
                    for (int c = 0; c < 3; c++) {
                        dE[3 * 15 + c] = 0.12 * (ends[3 * 15 + c] - j[3 * 15 + c]);
                    }
                    endsFollowChildren = false;
                    copyChildEnds(dE, dJ);
                    for (int c = 0; c < 3; c++) {
                        dE[3 * 15 + c] = 0.12 * (ends[3 * 15 + c] - j[3 * 15 + c]);
                    }
                }
                case 7 -> { // belly: handled below as a bump
                }
                case 8 -> { // torso length: +8 % above the pelvis
                    for (int k = 0; k < 24; k++) {
                        if (k == 0 || k == 1 || k == 2 || k == 4 || k == 5 || k == 7 || k == 8 || k == 10
                                || k == 11) {
                            continue;
                        }
                        double y = isIn(arm, k) ? j[3 * (16 + (k % 2)) + 1] : j[3 * k + 1];
                        dJ[3 * k + 1] = 0.08 * y;
                    }
                }
                default -> { // limb thickness
                    for (int k : new int[] {1, 2, 4, 5, 16, 17, 18, 19}) {
                        fill(radial, k, 0.15, 0.15, 0.15);
                    }
                }
            }
            if (endsFollowChildren) {
                copyChildEnds(dE, dJ);
            }
            double[] field = TemplateGeometry.boneField(v, w, j, ends, dJ, dE, radial);
            if (d == 7) {
                double[] c = {0, 0.1 * sy, 0.11};
                for (int i = 0; i < vc; i++) {
                    double dx = v[3 * i] - c[0];
                    double dy = v[3 * i + 1] - c[1];
                    double dz = Math.min(0, v[3 * i + 2] - c[2]);
                    double g = StrictMath.exp(-(dx * dx + dy * dy + dz * dz) / (0.11 * 0.11));
                    if (v[3 * i + 2] > 0) {
                        field[3 * i + 2] += 0.05 * g * v[3 * i + 2] / 0.1;
                        field[3 * i] += 0.02 * g * v[3 * i] / 0.15;
                    }
                }
            }
            for (int i = 0; i < 3 * vc; i++) {
                out[i * s + d] = field[i];
            }
        }
        return out;
    }

    private static void setLeafEnds(double[] dE, double[] dJ, double[] ends, double scale, boolean verticalOnly) {
        for (int k = 0; k < 24; k++) {
            if (BONE_CHILD[k] < 0) {
                dE[3 * k + 1] = k == 15 || k == 10 || k == 11 ? scale * ends[3 * k + 1] : dJ[3 * k + 1];
            }
        }
    }

    private static void copyChildEnds(double[] dE, double[] dJ) {
        for (int k = 0; k < 24; k++) {
            if (BONE_CHILD[k] >= 0) {
                System.arraycopy(dJ, 3 * BONE_CHILD[k], dE, 3 * k, 3);
            } else if (dE[3 * k] == 0 && dE[3 * k + 1] == 0 && dE[3 * k + 2] == 0) {
                System.arraycopy(dJ, 3 * k, dE, 3 * k, 3);
            }
        }
    }

    private static boolean isIn(int[] set, int k) {
        for (int x : set) {
            if (x == k) {
                return true;
            }
        }
        return false;
    }

    private static void fill(double[] a, int k, double x, double y, double z) {
        a[3 * k] = x;
        a[3 * k + 1] = y;
        a[3 * k + 2] = z;
    }

    static void flip(double[] xyz) {
        for (int i = 0; i < xyz.length / 3; i++) {
            xyz[3 * i + 1] = -xyz[3 * i + 1] + 0.0;
            xyz[3 * i + 2] = -xyz[3 * i + 2] + 0.0;
        }
    }

    static void flipDirs(double[] dirs, int s) {
        for (int i = 0; i < dirs.length; i++) {
            int coord = (i / s) % 3;
            if (coord != 0) {
                dirs[i] = -dirs[i] + 0.0;
            }
        }
    }

    static double[] centred(double[] joints, double[] vertices, double[] root) {
        double[] out = new double[joints.length + vertices.length];
        System.arraycopy(joints, 0, out, 0, joints.length);
        System.arraycopy(vertices, 0, out, joints.length, vertices.length);
        for (int i = 0; i < out.length; i++) {
            out[i] -= root[i % 3];
        }
        return out;
    }
}
