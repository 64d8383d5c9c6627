package io.metroscope.train;

import io.metroscope.body.Rodrigues;
import io.metroscope.vision.OfficialTransforms;

/**
 * Applies {@link AugmentParams} to a stored crop and its labels, consistently: the image is resampled (bilinear,
 * black outside, as the official crop pads with zeros) so that a label point {@code n} (crop coordinates in [−1, 1],
 * y down) moves to {@code F·M·n / scale}, 3D joints and every vertex level to {@code F·M·X}, the weak-perspective
 * camera to {@code [s/scale, F·M·t]} (so projections stay on the moved 2D joints), with {@code M} the in-plane
 * rotation METRO's {@code get_transform} and {@code j3d_processing} use ({@code [[c, s], [−s, c]]}) and {@code F} the
 * mirror {@code x → −x} with the joint permutation of {@link io.metroscope.body.JointSet#mirrorPermutation()}. Then
 * the per-channel noise scales the [0, 255] pixel values and clips them, as {@code rgb_processing} does.
 *
 * <p>Flipping a sample with mesh targets needs the left–right vertex pairing of its template ({@link MeshFlip});
 * without one such samples are not flipped (their other augmentations still apply), and neither are joint sets
 * without a defined mirror (the hand, as in METRO).
 */
public final class SampleAugmenter {

    private SampleAugmenter() {
    }

    /** Whether {@code item} can be flipped, its meshes through {@code meshFlip} (null: none; see the class comment). */
    public static boolean canFlip(TrainingItem item, MeshFlip meshFlip) {
        return JointFlips.flippable(item.jointCount()) != null
                && (!item.hasMesh() || meshFlip != null && meshFlip.fits(item));
    }

    /** {@link #apply(TrainingSample, AugmentParams, MeshFlip)} without a mesh flip: samples with meshes never flip. */
    public static TrainingSample apply(TrainingSample sample, AugmentParams p) {
        return apply(sample, p, null);
    }

    /** The augmented sample; {@link AugmentParams#isIdentity() identity} parameters return {@code sample} itself. */
    public static TrainingSample apply(TrainingSample sample, AugmentParams p, MeshFlip meshFlip) {
        if (p.isIdentity()) {
            return sample;
        }
        boolean flip = p.flip() && canFlip(sample.labels(), meshFlip);
        float[] image = sample.image();
        int side = (int) Math.round(Math.sqrt(image.length / 3.0));
        float[] out = p.warps() ? warp(image, side, p.scale(), p.rotation(), flip)
                : flip ? mirrorRows(image, side) : image.clone();
        noise(out, p.noise());
        TrainingItem item = transformLabels(sample.labels(), p.scale(), p.rotation(), flip ? meshFlip : null, flip);
        return new TrainingSample(out, item);
    }

    /** The in-plane rotation of {@code degrees}: {@code [[cos, sin], [−sin, cos]]} as a row-major 2×2. */
    static double[] rotation(double degrees) {
        double r = Math.toRadians(degrees);
        double c = Math.cos(r);
        double s = Math.sin(r);
        return new double[] {c, s, -s, c};
    }

    /**
     * A CHW image mirrored left–right: what {@link #warp} computes for scale 1 and no rotation, exactly (the warp's
     * sample points land a rounding error off the pixel centres) and at a fraction of its cost.
     */
    static float[] mirrorRows(float[] image, int side) {
        float[] out = new float[image.length];
        for (int row = 0; row < image.length / side; row++) {
            int at = row * side;
            for (int u = 0; u < side; u++) {
                out[at + u] = image[at + side - 1 - u];
            }
        }
        return out;
    }

    /** Resamples a normalised CHW image so that content at {@code n} moves to {@code F·M·n/scale}. */
    static float[] warp(float[] image, int side, double scale, double degrees, boolean flip) {
        double[] m = rotation(degrees);
        float[] out = new float[image.length];
        int plane = side * side;
        float[] black = new float[3];
        for (int c = 0; c < 3; c++) {
            black[c] = -OfficialTransforms.MEAN[c] / OfficialTransforms.STD[c];
        }
        for (int v = 0; v < side; v++) {
            for (int u = 0; u < side; u++) {
                double nx = 2 * (u + 0.5) / side - 1;
                double ny = 2 * (v + 0.5) / side - 1;
                if (flip) {
                    nx = -nx;
                }
                // inverse of n → M·n/scale: n_in = scale·Mᵀ·n_out
                double ix = scale * (m[0] * nx + m[2] * ny);
                double iy = scale * (m[1] * nx + m[3] * ny);
                double x = (ix + 1) * side / 2 - 0.5;
                double y = (iy + 1) * side / 2 - 0.5;
                for (int c = 0; c < 3; c++) {
                    out[c * plane + v * side + u] = bilinear(image, c * plane, side, x, y, black[c]);
                }
            }
        }
        return out;
    }

    private static float bilinear(float[] image, int offset, int side, double x, double y, float outside) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double sum = 0;
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                int xi = x0 + dx;
                int yi = y0 + dy;
                double w = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                if (w == 0) {
                    continue;
                }
                float value = xi < 0 || yi < 0 || xi >= side || yi >= side ? outside
                        : image[offset + yi * side + xi];
                sum += w * value;
            }
        }
        return (float) sum;
    }

    /** Per-channel pixel noise on a normalised image: {@code clip(u·noise[c], 0, 1)} in [0, 1] pixel units. */
    static void noise(float[] image, float[] noise) {
        int plane = image.length / 3;
        for (int c = 0; c < 3; c++) {
            if (noise[c] == 1) {
                continue;
            }
            float mean = OfficialTransforms.MEAN[c];
            float std = OfficialTransforms.STD[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                float u = image[i] * std + mean;
                u = Math.min(1f, Math.max(0f, u * noise[c]));
                image[i] = (u - mean) / std;
            }
        }
    }

    /** The labels under scale, rotation and flip (flip only when {@link #canFlip} allowed it). */
    static TrainingItem transformLabels(TrainingItem t, double scale, double degrees, MeshFlip meshFlip,
            boolean flip) {
        double[] m = rotation(degrees);
        int j = t.jointCount();
        int[] perm = flip ? JointFlips.flippable(j).mirrorPermutation() : identity(j);
        float[] j2 = new float[t.joints2d().length];
        float[] px = new float[2 * j];
        for (int k = 0; k < j; k++) {
            int from = perm[k];
            double x = t.joints2d()[3 * from];
            double y = t.joints2d()[3 * from + 1];
            double nx = (m[0] * x + m[1] * y) / scale;
            double ny = (m[2] * x + m[3] * y) / scale;
            j2[3 * k] = (float) (flip ? -nx : nx);
            j2[3 * k + 1] = (float) ny;
            j2[3 * k + 2] = t.joints2d()[3 * from + 2];
            px[2 * k] = (j2[3 * k] + 1) * t.imageSize() / 2f;
            px[2 * k + 1] = (j2[3 * k + 1] + 1) * t.imageSize() / 2f;
        }
        float[] conf = t.joints3dConfidence();
        if (flip && conf.length > 0) {
            conf = permute(conf, perm, 1);
        }
        float[] j3 = rotate3d(flip ? permute(t.joints3d(), perm, 3) : t.joints3d(), m, flip);
        float[] camera = t.camera();
        if (camera.length == 3) {
            double tx = m[0] * camera[1] + m[1] * camera[2];
            double ty = m[2] * camera[1] + m[3] * camera[2];
            camera = new float[] {(float) (camera[0] / scale), (float) (flip ? -tx : tx), (float) ty};
        }
        float[] full = rotate3d(t.verticesFull(), m, flip);
        float[] mid;
        float[] coarse;
        if (flip && t.hasMesh()) {
            // mirrored point by point, the left hand sits where the right one was: re-pair, and derive the levels
            full = meshFlip.full(full);
            java.util.List<float[]> levels = meshFlip.template().levelsOf(full);
            mid = t.verticesMid().length > 0 ? levels.get(0) : t.verticesMid();
            coarse = levels.get(levels.size() - 1);
        } else {
            mid = rotate3d(t.verticesMid(), m, flip);
            coarse = rotate3d(t.verticesCoarse(), m, flip);
        }
        return new TrainingItem(t.index(), t.image(), t.imageSize(), j3, j2, px, full, mid, coarse,
                rotate3d(t.root(), m, flip), camera,
                rotateGlobalOrientation(t.pose(), degrees, flip), t.betas(),
                warpMask(t.occluderMask(), t.imageSize(), scale, degrees, flip), t.hasJoints3d(), t.hasJoints2d(),
                t.hasMesh(), conf);
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private static float[] permute(float[] values, int[] perm, int width) {
        float[] out = new float[values.length];
        for (int k = 0; k < perm.length; k++) {
            System.arraycopy(values, perm[k] * width, out, k * width, width);
        }
        return out;
    }

    /** {@code F·M·X} for N×3 points (z unchanged). */
    static float[] rotate3d(float[] points, double[] m, boolean flip) {
        float[] out = new float[points.length];
        for (int i = 0; i + 2 < points.length; i += 3) {
            double x = m[0] * points[i] + m[1] * points[i + 1];
            double y = m[2] * points[i] + m[3] * points[i + 1];
            out[i] = (float) (flip ? -x : x);
            out[i + 1] = (float) y;
            out[i + 2] = points[i + 2];
        }
        return out;
    }

    /**
     * The rig's global orientation (first axis-angle) turned with the image, as {@code rot_aa} does; after a flip
     * the rest of a rig's pose has no known mirror, so the pose is dropped (it is informational, no loss uses it).
     */
    private static float[] rotateGlobalOrientation(float[] pose, double degrees, boolean flip) {
        if (pose.length < 3 || flip) {
            return flip ? new float[0] : pose;
        }
        if (degrees == 0) {
            return pose;
        }
        float[] out = pose.clone();
        double[] aa = rotateAxisAngle(new double[] {pose[0], pose[1], pose[2]}, degrees);
        for (int c = 0; c < 3; c++) {
            out[c] = (float) aa[c];
        }
        return out;
    }

    /** {@code rot_aa}: axis-angle of {@code R(degrees)·Rodrigues(aa)} with R the 3D in-plane rotation. */
    static double[] rotateAxisAngle(double[] aa, double degrees) {
        double[] m = rotation(degrees);
        double[] r3 = {m[0], m[1], 0, m[2], m[3], 0, 0, 0, 1};
        double[] p = Rodrigues.toMatrix(aa[0], aa[1], aa[2]);
        double[] prod = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                for (int l = 0; l < 3; l++) {
                    prod[3 * i + k] += r3[3 * i + l] * p[3 * l + k];
                }
            }
        }
        return axisAngle(prod);
    }

    /** The axis-angle vector of a rotation matrix (row-major). */
    static double[] axisAngle(double[] r) {
        double cos = Math.max(-1, Math.min(1, (r[0] + r[4] + r[8] - 1) / 2));
        double angle = Math.acos(cos);
        double x = r[7] - r[5];
        double y = r[2] - r[6];
        double z = r[3] - r[1];
        double norm = Math.sqrt(x * x + y * y + z * z);
        if (angle < 1e-8) {
            return new double[3];
        }
        if (norm < 1e-6) {
            // angle ≈ π: the axis from the diagonal of (R + I) / 2
            double ax = Math.sqrt(Math.max(0, (r[0] + 1) / 2));
            double ay = Math.sqrt(Math.max(0, (r[4] + 1) / 2)) * (r[1] + r[3] >= 0 ? 1 : -1);
            double az = Math.sqrt(Math.max(0, (r[8] + 1) / 2)) * (r[2] + r[6] >= 0 ? 1 : -1);
            if (ax == 0) {
                az = Math.sqrt(Math.max(0, (r[8] + 1) / 2)) * (r[5] + r[7] >= 0 ? 1 : -1);
            }
            double n = Math.sqrt(ax * ax + ay * ay + az * az);
            return new double[] {angle * ax / n, angle * ay / n, angle * az / n};
        }
        return new double[] {angle * x / norm, angle * y / norm, angle * z / norm};
    }

    private static byte[] warpMask(byte[] mask, int side, double scale, double degrees, boolean flip) {
        if (mask.length != side * side || (scale == 1 && degrees == 0 && !flip)) {
            return mask;
        }
        double[] m = rotation(degrees);
        byte[] out = new byte[mask.length];
        for (int v = 0; v < side; v++) {
            for (int u = 0; u < side; u++) {
                double nx = 2 * (u + 0.5) / side - 1;
                double ny = 2 * (v + 0.5) / side - 1;
                if (flip) {
                    nx = -nx;
                }
                double ix = scale * (m[0] * nx + m[2] * ny);
                double iy = scale * (m[1] * nx + m[3] * ny);
                int x = (int) Math.floor((ix + 1) * side / 2);
                int y = (int) Math.floor((iy + 1) * side / 2);
                if (x >= 0 && y >= 0 && x < side && y < side) {
                    out[v * side + u] = mask[y * side + x];
                }
            }
        }
        return out;
    }
}
