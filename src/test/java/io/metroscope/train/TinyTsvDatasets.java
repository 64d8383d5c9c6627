package io.metroscope.train;

import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Tiny METRO TSV body datasets written with {@link MetroTsvWriter}: 400×300 frames (a tinted gradient with a white
 * square on every labelled joint), J24 labels placed from the open body template's joints, and, when asked, SMPL
 * pose labels ({@code has_smpl}) for a model to pose into meshes.
 */
public final class TinyTsvDatasets {

    static final int W = 400;
    static final int H = 300;
    private static final double[] CENTER = {200, 150};

    private TinyTsvDatasets() {
    }

    /** Writes {@code count} items as {@code <split>.*.tsv} in {@code dir}; returns the yaml. */
    public static Path writeBody(Path dir, String split, int count, boolean smplPose) throws IOException {
        MetroTemplate template = OpenTemplates.read(Path.of("templates/body.npz")).template();
        try (MetroTsvWriter w = MetroTsvWriter.create(dir, split)) {
            for (int i = 0; i < count; i++) {
                double[] j3 = joints3d(template, i);
                double[] j2 = joints2d(j3, 0.9 + 0.05 * i);
                double[] pose = new double[72];
                if (smplPose) {
                    pose[0] = 0.1 * i;
                    pose[3 * 16 + 2] = -0.4 - 0.1 * i;
                    pose[3 * 17 + 2] = 0.4 + 0.1 * i;
                }
                MetroTsvLabel label = new MetroTsvLabel(CENTER.clone(), 1.0, j2, true, j3, true, pose,
                        new double[10], smplPose, "neutral");
                w.add(split + "_" + i, PngWriter.encode(frame(j2, i), W, H), W, H, label);
            }
            return w.yaml();
        }
    }

    /**
     * The 24 J24 points (xyz each) of {@code template}'s rest pose: its LSP joints, the pelvis at mid-hip, the others
     * placed near the neck.
     */
    static double[][] restJ24(MetroTemplate template) {
        double[] lsp = template.refJoints();
        double[][] points = new double[24][];
        for (int k = 0; k < 24; k++) {
            String name = MetroTsvDataset.J24.get(k);
            int l = JointSet.LSP_14.indexOf(name);
            if (l >= 0) {
                points[k] = new double[] {lsp[3 * l], lsp[3 * l + 1], lsp[3 * l + 2]};
            } else if (name.equals("Pelvis")) {
                points[k] = new double[] {(lsp[6] + lsp[9]) / 2, (lsp[7] + lsp[10]) / 2, (lsp[8] + lsp[11]) / 2};
            } else {
                points[k] = new double[] {0.01 * k - 0.1, -0.5 + 0.02 * k, 0.03};
            }
        }
        return points;
    }

    /** Camera-frame J24 joints of item {@code i}: the rest pose scaled and shifted a little per item. */
    private static double[] joints3d(MetroTemplate template, int i) {
        double[][] rest = restJ24(template);
        double[] out = new double[24 * 4];
        for (int k = 0; k < 24; k++) {
            double[] p = rest[k];
            out[4 * k] = p[0] * (1 + 0.03 * i) + 0.02 * i;
            out[4 * k + 1] = p[1] * (1 + 0.03 * i);
            out[4 * k + 2] = p[2] + 3;
            out[4 * k + 3] = 1;
        }
        return out;
    }

    /** The weak-perspective projection {@code s·x} of the box's crop (side 200 px), in frame pixels. */
    private static double[] joints2d(double[] j3, double s) {
        double[] out = new double[24 * 3];
        for (int k = 0; k < 24; k++) {
            out[3 * k] = CENTER[0] + s * j3[4 * k] * 100;
            out[3 * k + 1] = CENTER[1] + s * j3[4 * k + 1] * 100;
            out[3 * k + 2] = 1;
        }
        return out;
    }

    private static byte[] frame(double[] j2, int i) {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int o = 3 * (y * W + x);
                rgb[o] = (byte) (40 + 60 * i % 160 + x / 10);
                rgb[o + 1] = (byte) (60 + y / 6);
                rgb[o + 2] = (byte) (120 - 30 * i % 90);
            }
        }
        for (int k = 0; k < 24; k++) {
            int cx = (int) Math.round(j2[3 * k]);
            int cy = (int) Math.round(j2[3 * k + 1]);
            for (int y = Math.max(0, cy - 3); y <= Math.min(H - 1, cy + 3); y++) {
                for (int x = Math.max(0, cx - 3); x <= Math.min(W - 1, cx + 3); x++) {
                    rgb[3 * (y * W + x)] = (byte) 255;
                    rgb[3 * (y * W + x) + 1] = (byte) 255;
                    rgb[3 * (y * W + x) + 2] = (byte) 255;
                }
            }
        }
        return rgb;
    }
}
