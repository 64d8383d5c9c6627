package io.metroscope.train;

import java.util.List;
import java.util.SplittableRandom;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.body.TemplateRig;

/**
 * Per-vertex colours for a synthetic person: the template's vertices are grouped into {@link Part}s by their dominant
 * skinning joint (and, on the head, by height and depth for hair), then each item draws a skin tone, a hair colour
 * and clothing from random palettes, with sleeves and trouser legs randomly long or short. Thread-safe.
 */
public final class Clothing {
    private static final float[][] SKIN_TONES = {
        {0.98f, 0.84f, 0.72f}, {0.94f, 0.76f, 0.62f}, {0.87f, 0.67f, 0.52f}, {0.76f, 0.55f, 0.40f},
        {0.62f, 0.43f, 0.30f}, {0.47f, 0.31f, 0.21f}, {0.36f, 0.23f, 0.16f}, {0.90f, 0.72f, 0.60f},
    };
    private static final float[][] HAIR = {
        {0.08f, 0.06f, 0.05f}, {0.22f, 0.14f, 0.08f}, {0.40f, 0.26f, 0.14f}, {0.70f, 0.55f, 0.32f},
        {0.55f, 0.22f, 0.10f}, {0.75f, 0.75f, 0.72f}, {0.15f, 0.12f, 0.10f},
    };

    private final TemplateKind kind;
    private final Part[] parts;

    public Clothing(OpenTemplate template) {
        this.kind = template.template().kind();
        this.parts = kind == TemplateKind.BODY ? bodyParts(template) : handParts(template);
    }

    /** The part of each full-mesh vertex. */
    public Part partOf(int vertex) {
        return parts[vertex];
    }

    /** Per-vertex RGB in [0, 1] (V×3) for one item. */
    public float[] colors(SplittableRandom random) {
        float[] skin = jitter(SKIN_TONES[random.nextInt(SKIN_TONES.length)], random, 0.05f);
        float[] hair = jitter(HAIR[random.nextInt(HAIR.length)], random, 0.04f);
        float[] shirt = garment(random);
        float[] trousers = random.nextDouble() < 0.4 ? denim(random) : garment(random);
        float[] shoes = random.nextDouble() < 0.5 ? jitter(new float[] {0.1f, 0.1f, 0.1f}, random, 0.08f)
                : garment(random);
        boolean longSleeves = random.nextDouble() < 0.55;
        boolean longTrousers = random.nextDouble() < 0.7;
        boolean bald = random.nextDouble() < 0.1;
        // Hands: sometimes a sleeve or glove colour over the wrist.
        boolean glove = kind == TemplateKind.HAND && random.nextDouble() < 0.15;
        float[] colors = new float[3 * parts.length];
        float noise = 0.025f;
        for (int v = 0; v < parts.length; v++) {
            float[] c = switch (parts[v]) {
                case SKIN -> glove ? shirt : skin;
                case HAIR -> bald ? skin : hair;
                case SHIRT -> shirt;
                case SLEEVE -> longSleeves ? shirt : skin;
                case TROUSERS -> trousers;
                case SHIN -> longTrousers ? trousers : skin;
                case SHOES -> shoes;
            };
            float n = (float) (random.nextDouble() * 2 - 1) * noise;
            for (int a = 0; a < 3; a++) {
                colors[3 * v + a] = clamp(c[a] + n);
            }
        }
        return colors;
    }

    private static float[] garment(SplittableRandom random) {
        // HSV with a bias to muted colours, as most clothes are.
        float h = (float) random.nextDouble();
        float s = (float) (random.nextDouble() < 0.3 ? random.nextDouble() * 0.15 : 0.2 + random.nextDouble() * 0.7);
        float v = (float) (0.12 + random.nextDouble() * 0.85);
        return hsv(h, s, v);
    }

    private static float[] denim(SplittableRandom random) {
        return jitter(new float[] {0.18f, 0.25f, 0.42f}, random, 0.08f);
    }

    private static float[] jitter(float[] c, SplittableRandom random, float amount) {
        float[] out = new float[3];
        float common = (float) (random.nextDouble() * 2 - 1) * amount;
        for (int a = 0; a < 3; a++) {
            out[a] = clamp(c[a] + common + (float) (random.nextDouble() * 2 - 1) * amount * 0.3f);
        }
        return out;
    }

    static float[] hsv(float h, float s, float v) {
        float hh = (h - (float) Math.floor(h)) * 6;
        int i = (int) hh;
        float f = hh - i;
        float p = v * (1 - s);
        float q = v * (1 - s * f);
        float t = v * (1 - s * (1 - f));
        return switch (i % 6) {
            case 0 -> new float[] {v, t, p};
            case 1 -> new float[] {q, v, p};
            case 2 -> new float[] {p, v, t};
            case 3 -> new float[] {p, q, v};
            case 4 -> new float[] {t, p, v};
            default -> new float[] {v, p, q};
        };
    }

    private static float clamp(float x) {
        return Math.max(0f, Math.min(1f, x));
    }

    private static int[] dominantJoint(TemplateRig rig, int vertices) {
        int k = rig.jointCount();
        double[] w = rig.weights();
        int[] out = new int[vertices];
        for (int v = 0; v < vertices; v++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (w[v * k + j] > w[v * k + best]) {
                    best = j;
                }
            }
            out[v] = best;
        }
        return out;
    }

    private static Part[] bodyParts(OpenTemplate t) {
        TemplateRig rig = t.rig();
        double[] verts = t.template().fullVertices();
        int n = verts.length / 3;
        int[] dominant = dominantJoint(rig, n);
        List<String> names = rig.jointNames();
        int head = names.indexOf("Head_SMPL");
        double[] rest = rig.restJoints();
        double headY = rest[3 * head + 1];
        double headZ = rest[3 * head + 2];
        // Head extent: the topmost head vertex.
        double top = Double.POSITIVE_INFINITY;
        for (int v = 0; v < n; v++) {
            if (dominant[v] == head) {
                top = Math.min(top, verts[3 * v + 1]);
            }
        }
        double crown = headY + 0.45 * (top - headY);
        Part[] parts = new Part[n];
        for (int v = 0; v < n; v++) {
            String j = names.get(dominant[v]);
            parts[v] = switch (j) {
                case "Pelvis", "L_Hip", "R_Hip" -> Part.TROUSERS;
                case "L_Knee", "R_Knee" -> Part.SHIN;
                case "L_Ankle", "R_Ankle", "L_Foot", "R_Foot" -> Part.SHOES;
                case "Spine1", "Spine2", "Spine3", "L_Collar", "R_Collar", "L_Shoulder", "R_Shoulder" -> Part.SHIRT;
                case "L_Elbow", "R_Elbow" -> Part.SLEEVE;
                case "Head_SMPL" -> {
                    double y = verts[3 * v + 1];
                    double z = verts[3 * v + 2];
                    // Above the brow, or the back of the head down to the nape.
                    yield y < crown || (z > headZ + 0.02 && y < headY + 0.06) ? Part.HAIR : Part.SKIN;
                }
                default -> Part.SKIN;
            };
        }
        return parts;
    }

    private static Part[] handParts(OpenTemplate t) {
        double[] verts = t.template().fullVertices();
        int n = verts.length / 3;
        int[] dominant = dominantJoint(t.rig(), n);
        double[] rest = t.rig().restJoints();
        double wristY = rest[1];
        Part[] parts = new Part[n];
        for (int v = 0; v < n; v++) {
            // The forearm stub below the wrist joint (fingers point to −y) is sometimes a sleeve.
            parts[v] = dominant[v] == 0 && verts[3 * v + 1] > wristY + 0.01 ? Part.SLEEVE : Part.SKIN;
        }
        return parts;
    }
}
