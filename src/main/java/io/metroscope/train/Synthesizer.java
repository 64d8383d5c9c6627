package io.metroscope.train;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.MeshData;
import io.metroscope.vision.render.Background;
import io.metroscope.vision.render.CullMode;
import io.metroscope.vision.render.Light;
import io.metroscope.vision.render.Lighting;
import io.metroscope.vision.render.MeshRenderer;
import io.metroscope.vision.render.RenderImage;
import io.metroscope.vision.render.RenderOptions;
import io.metroscope.vision.render.Rgb;
import io.metroscope.vision.render.Shading;
import io.metroscope.vision.render.WeakPerspectiveCamera;

/**
 * Makes synthetic training items: a sampled (or given) pose and shape, clothing colours, a weak-perspective camera
 * framing the person at 70–90% of the crop, 1–3 random lights, a random background and random occluders, rendered
 * by the software renderer; labels follow METRO's conventions (root-centred token joints and meshes, 2D joints in
 * [-1, 1] crop coordinates). Item i depends only on (seed, i). Thread-safe: each thread renders with its own renderer.
 */
public final class Synthesizer {
    /** Bumped whenever the same seed would give different items. */
    public static final int VERSION = 1;

    private final SynthConfig config;
    private final MetroTemplate template;
    private final Skinner skinner;
    private final Clothing clothing;
    private final PoseSampler poses;
    private final ShapeSampler shapes;
    private final int[] faces;
    private final ThreadLocal<MeshRenderer> renderers = ThreadLocal.withInitial(MeshRenderer::new);

    public Synthesizer(SynthConfig config) {
        this.config = config;
        this.template = config.template().template();
        this.skinner = new Skinner(template.fullVertices(), config.template().rig());
        this.clothing = new Clothing(config.template());
        PoseLimits limits = PoseLimits.of(template.kind());
        this.poses = new PoseSampler(config.maxTurn() < SynthConfig.DEFAULT_MAX_TURN
                ? limits.withRootTurn(Math.toRadians(config.maxTurn())) : limits, config.wide());
        this.shapes = ShapeSampler.standard(config.template().rig().shapeCount());
        this.faces = template.faces();
    }

    public SynthConfig config() {
        return config;
    }

    /** The random stream of item {@code index}: a mix of the seed and the index, independent of other items. */
    public static SplittableRandom randomFor(long seed, int index) {
        return new SplittableRandom(mix(mix(seed) ^ (0x9E3779B97F4A7C15L * (index + 1L))));
    }

    /** Makes item {@code index}. */
    public Synthesized generate(int index) throws IOException {
        SplittableRandom item = randomFor(config.seed(), index);
        // Independent sub-streams, so a change in one aspect does not reshuffle the others.
        SplittableRandom poseRandom = item.split();
        SplittableRandom lookRandom = item.split();
        SplittableRandom cameraRandom = item.split();
        SplittableRandom lightRandom = item.split();
        SplittableRandom backgroundRandom = item.split();
        SplittableRandom occluderRandom = item.split();

        double[] pose;
        double[] betas;
        if (config.poses().isEmpty()) {
            pose = poses.sample(poseRandom);
            betas = shapes.sample(poseRandom);
        } else {
            PoseShape p = config.poses().get(index % config.poses().size());
            pose = p.pose();
            betas = p.betas().length > 0 ? p.betas() : shapes.sample(poseRandom);
        }
        double[] full = skinner.pose(pose, betas);
        double[] regressed = template.jointRegressor().multiply(full, 3);
        int r = template.regressorJoints().root();
        double[] root = {regressed[3 * r], regressed[3 * r + 1], regressed[3 * r + 2]};
        subtract(full, root);
        double[] joints = template.tokenJointsOf(full);
        List<double[]> levels = template.levelsOf(full);
        double[] mid = template.kind() == TemplateKind.BODY && levels.size() > 1 ? levels.get(0) : new double[0];
        double[] coarse = levels.get(levels.size() - 1);

        int size = config.size();
        double[] camera = frame(full, cameraRandom);
        float[] colors = clothing.colors(lookRandom);
        byte[] background = config.backgrounds().draw(backgroundRandom, size, size);
        // The open templates are closed and wound outward: back faces are always hidden, so skip them.
        RenderOptions options = new RenderOptions(2, CullMode.BACK, Shading.GOURAUD, lighting(lightRandom),
                RenderOptions.DEFAULT_COLOR, Background.picture(size, size, background), null);
        MeshData mesh = new MeshData(toFloats(full), faces, null, colors);
        WeakPerspectiveCamera cam = new WeakPerspectiveCamera((float) camera[0], (float) camera[1],
                (float) camera[2], size, size);
        RenderImage image = renderers.get().render(mesh, cam, options);
        byte[] rgb = image.rgb();
        byte[] mask = Occluders.paint(rgb, image.alpha(), size, size, config.occluders(), occluderRandom);

        int j = joints.length / 3;
        float[] j2d = new float[3 * j];
        float[] px = new float[2 * j];
        for (int i = 0; i < j; i++) {
            double x = camera[0] * (joints[3 * i] + camera[1]);
            double y = camera[0] * (joints[3 * i + 1] + camera[2]);
            double pxx = (x + 1) * 0.5 * size;
            double pxy = (y + 1) * 0.5 * size;
            j2d[3 * i] = (float) x;
            j2d[3 * i + 1] = (float) y;
            j2d[3 * i + 2] = visible(pxx, pxy, mask, size) ? 1f : 0f;
            px[2 * i] = (float) pxx;
            px[2 * i + 1] = (float) pxy;
        }
        TrainingItem labels = new TrainingItem(index, null, size, toFloats(joints), j2d, px, toFloats(full),
                toFloats(mid), toFloats(coarse), toFloats(root), toFloats(camera), toFloats(pose), toFloats(betas),
                mask, true, true, true);
        return new Synthesized(labels, rgb);
    }

    /** Whether a joint at pixel (x, y) is inside the crop and not under an occluder. */
    static boolean visible(double x, double y, byte[] mask, int size) {
        if (!(x >= 0 && y >= 0 && x < size && y < size)) {
            return false;
        }
        return mask[(int) y * size + (int) x] == 0;
    }

    /** [s, tx, ty] so the mesh's larger side fills 70–90% of the crop, its centre jittered within the slack. */
    private static double[] frame(double[] vertices, SplittableRandom r) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vertices.length; i += 3) {
            minX = Math.min(minX, vertices[i]);
            maxX = Math.max(maxX, vertices[i]);
            minY = Math.min(minY, vertices[i + 1]);
            maxY = Math.max(maxY, vertices[i + 1]);
        }
        double fill = 0.7 + 0.2 * r.nextDouble();
        double extent = Math.max(maxX - minX, maxY - minY);
        double s = 2 * fill / extent;
        // Normalised half-sizes of the box; the centre may move as long as the box stays inside [-1, 1].
        double hx = s * (maxX - minX) / 2;
        double hy = s * (maxY - minY) / 2;
        double dx = (r.nextDouble() * 2 - 1) * Math.max(0, 1 - hx) * 0.9;
        double dy = (r.nextDouble() * 2 - 1) * Math.max(0, 1 - hy) * 0.9;
        double tx = dx / s - (minX + maxX) / 2;
        double ty = dy / s - (minY + maxY) / 2;
        return new double[] {s, tx, ty};
    }

    private static Lighting lighting(SplittableRandom r) {
        int n = 1 + r.nextInt(3);
        Light[] lights = new Light[n];
        for (int i = 0; i < n; i++) {
            float x = (float) (r.nextDouble() * 2 - 1);
            float y = (float) (r.nextDouble() * 1.6 - 1);
            float z = (float) -(0.2 + 0.8 * r.nextDouble());
            float intensity = (float) (i == 0 ? 0.55 + 0.4 * r.nextDouble() : 0.1 + 0.35 * r.nextDouble());
            lights[i] = Light.directional(x, y, z, tint(r, intensity, 0.15));
        }
        Rgb ambient = tint(r, (float) (0.15 + 0.3 * r.nextDouble()), 0.1);
        Lighting lighting = Lighting.lambert(ambient, lights);
        if (r.nextDouble() < 0.3) {
            lighting = lighting.withSpecular(Rgb.grey((float) (0.05 + 0.2 * r.nextDouble())),
                    (float) (8 + 40 * r.nextDouble()));
        }
        return lighting;
    }

    private static Rgb tint(SplittableRandom r, float intensity, double amount) {
        float warm = (float) ((r.nextDouble() * 2 - 1) * amount);
        return new Rgb(Math.max(0, intensity * (1 + warm)), intensity, Math.max(0, intensity * (1 - warm)));
    }

    private static void subtract(double[] xyz, double[] p) {
        for (int i = 0; i < xyz.length; i += 3) {
            xyz[i] -= p[0];
            xyz[i + 1] -= p[1];
            xyz[i + 2] -= p[2];
        }
    }

    static float[] toFloats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93e35a53b85L;
        return z ^ (z >>> 33);
    }
}
