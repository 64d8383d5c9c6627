package io.metroscope.vision.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.format.MeshData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class OfficialDemoRendererTest {

    private static final Path SHOTS = Path.of("target", "render-shots");

    @Test
    void perspectiveCameraReproducesTheWeakOneAtZeroDepth() {
        float[][] cams = {{0.9f, 0.05f, -0.1f}, {1.3f, -0.2f, 0.15f}, {0.6f, 0, 0}};
        float[] weak = new float[4];
        float[] persp = new float[4];
        for (float[] c : cams) {
            WeakPerspectiveCamera w = WeakPerspectiveCamera.metro(c);
            PinholeCamera p = OfficialDemoRenderer.camera(c[0], c[1], c[2]);
            assertThat(p.translation()[2]).isCloseTo((float) (2000 / (224 * c[0] + 1e-9)), within(1e-4f));
            for (float[] pt : new float[][] {{0.3f, -0.5f, 0}, {-0.6f, 0.7f, 0}}) {
                w.project(pt[0], pt[1], pt[2], weak, 0);
                p.project(pt[0], pt[1], pt[2], persp, 0);
                assertThat(persp[0]).isCloseTo(weak[0], within(1e-3f));
                assertThat(persp[1]).isCloseTo(weak[1], within(1e-3f));
            }
            // Off the z=0 plane perspective departs only by the depth ratio: 0.2 m at tz ≈ 10 m is about 2%.
            w.project(0.5f, 0.5f, 0.2f, weak, 0);
            p.project(0.5f, 0.5f, 0.2f, persp, 0);
            assertThat(Math.abs(persp[0] - weak[0])).isLessThan(0.03f * Math.abs(weak[0] - 112) + 1e-3f);
        }
    }

    @Test
    void lightsAreTheDemosRotatedPositions() {
        // np.dot([-200,-100,-100], Ry(120°)) = [x·cos − z·sin, y, x·sin + z·cos]
        Vec3 a = OfficialDemoRenderer.rotateY(-200, -100, -100);
        assertThat(a.x()).isCloseTo(186.60f, within(0.01f));
        assertThat(a.y()).isEqualTo(-100f);
        assertThat(a.z()).isCloseTo(-123.21f, within(0.01f));
        Lighting l = OfficialDemoRenderer.lighting();
        assertThat(l.lights()).hasSize(3);
        assertThat(l.ambient()).isEqualTo(Rgb.BLACK);
        assertThat(l.lights().get(2).color()).isEqualTo(Rgb.grey(0.7f));
        Vec3 c = ((Light.Point) l.lights().get(2)).position();
        assertThat(c.x()).isCloseTo(-616.03f, within(0.01f));
        assertThat(c.z()).isCloseTo(-933.01f, within(0.01f));
    }

    /** A stand-in for a person in METRO's frame: a head above (y < 0), a ring for a body, a "hand" on the right (x > 0). */
    static MeshData figure() {
        MeshData head = TestMeshes.sphere(0, -0.62f, 0, 0.16f, 24, 32);
        MeshData body = TestMeshes.rotated(TestMeshes.torus(0.32f, 0.12f, 24, 48), Math.toRadians(70), Math.toRadians(20));
        MeshData hand = TestMeshes.sphere(0.62f, 0.05f, 0, 0.09f, 16, 24);
        MeshData foot = TestMeshes.sphere(-0.25f, 0.65f, -0.05f, 0.1f, 16, 24);
        return TestMeshes.merge(head, body, hand, foot);
    }

    /** A 224×224 stand-in for the input crop: a diagonal gradient with a faint checkerboard. */
    static byte[] syntheticInput() {
        byte[] rgb = new byte[3 * 224 * 224];
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                int i = 3 * (y * 224 + x);
                int check = ((x / 16) + (y / 16)) % 2 == 0 ? 20 : 0;
                rgb[i] = (byte) (40 + x / 4 + check);
                rgb[i + 1] = (byte) (70 + y / 4 + check);
                rgb[i + 2] = (byte) (60 + check);
            }
        }
        return rgb;
    }

    @Test
    void rendersShotsToLookAt() throws Exception {
        Files.createDirectories(SHOTS);
        MeshData figure = figure();
        assertThat(TestMeshes.signedVolume6(figure)).isPositive();
        OfficialDemoRenderer demo = new OfficialDemoRenderer();
        byte[] input = syntheticInput();
        float[] cam = {1.0f, 0.0f, 0.0f};
        RenderImage pink = demo.render(figure, cam, OfficialDemoRenderer.BodyColor.PINK, input);
        RenderImageFiles.writePng(SHOTS.resolve("official_pink.png"), pink);
        RenderImageFiles.writePng(SHOTS.resolve("official_light_blue_1x.png"),
                demo.render(figure, cam, OfficialDemoRenderer.BodyColor.LIGHT_BLUE, input, 1));
        RenderImageFiles.writePng(SHOTS.resolve("official_hand_white_bg.png"),
                demo.render(figure, new float[] {0.8f, 0.15f, -0.1f}, OfficialDemoRenderer.BodyColor.HAND, null, 3));

        // The head (y < 0) is at the top, the hand (x > 0) on the right, the background shows around them.
        assertThat(pink.alphaAt(112, (int) ((1 - 0.62) * 112))).isEqualTo(255);
        assertThat(pink.alphaAt((int) ((1 + 0.62) * 112), (int) (1.05 * 112))).isEqualTo(255);
        assertThat(pink.alphaAt(5, 5)).isZero();
        int bg = 3 * (5 * 224 + 5);
        assertThat(pink.rgbAt(5, 5)).isEqualTo((input[bg] & 0xff) << 16 | (input[bg + 1] & 0xff) << 8 | (input[bg + 2] & 0xff));

        MeshData torus = TestMeshes.rotated(TestMeshes.torus(0.6f, 0.25f, 48, 96), Math.toRadians(60), Math.toRadians(25));
        PinholeCamera pinhole = PinholeCamera.of(320, 240, 300, 300, 160, 120)
                .withPose(rotationX(Math.toRadians(-10)), new float[] {0.1f, 0.05f, 2.6f});
        Lighting shiny = Lighting.lambert(Rgb.grey(0.12f),
                        Light.point(-2, -3, -2, new Rgb(0.9f, 0.85f, 0.8f)),
                        Light.directional(1, 0.3f, -0.4f, new Rgb(0.2f, 0.25f, 0.4f)))
                .withSpecular(Rgb.grey(0.5f), 40);
        MeshRenderer renderer = new MeshRenderer();
        RenderOptions o = RenderOptions.defaults().withLighting(shiny).withShading(Shading.PHONG)
                .withBaseColor(new Rgb(0.85f, 0.55f, 0.3f)).withBackground(Background.solid(Rgb.grey(0.15f)));
        RenderImageFiles.writePng(SHOTS.resolve("pinhole_torus_phong.png"), renderer.render(torus, pinhole, o));
        RenderImageFiles.writePng(SHOTS.resolve("pinhole_torus_flat_wire.png"), renderer.render(torus, pinhole,
                o.withShading(Shading.FLAT).withWireframe(new Wireframe(Rgb.grey(0.05f), 0.7f))));
        RenderImageFiles.writePngWithAlpha(SHOTS.resolve("pinhole_torus_gouraud_rgba.png"), renderer.render(torus,
                pinhole, o.withShading(Shading.GOURAUD).withBackground(Background.transparent())));

        // A floor running from behind the camera to far away: clipped at the near plane, grid lines converge.
        MeshData floor = floorGrid(16, -6, 6, -4, 12, 0.9f);
        MeshData scene = TestMeshes.merge(floor, torus.withUniformColor(0.85f, 0.55f, 0.3f));
        RenderImageFiles.writePng(SHOTS.resolve("pinhole_clipped_floor_wire.png"), renderer.render(scene, pinhole,
                o.withShading(Shading.GOURAUD).withWireframe(new Wireframe(Rgb.grey(0.9f), 0.6f))));

        // Vertex colours, interpolated: hue by height on the sphere.
        MeshData sphere = TestMeshes.sphere(0, 0, 0, 0.7f, 32, 48);
        float[] col = new float[sphere.positions().length];
        for (int i = 0; i < col.length; i += 3) {
            float t = (sphere.positions()[i + 1] / 0.7f + 1) / 2; // 0 at the top (y = -0.7), 1 at the bottom
            col[i] = 1 - t;
            col[i + 1] = 0.3f;
            col[i + 2] = t;
        }
        RenderImageFiles.writePng(SHOTS.resolve("weak_sphere_vertex_colours.png"), renderer.render(
                sphere.withColors(col), new WeakPerspectiveCamera(1, 0, 0, 160, 160), RenderOptions.defaults()));
    }

    @Test
    void printsTimingForABodySizedMesh() {
        // 84 × 82 torus grid: 6888 vertices, 13776 triangles, as many faces as SMPL (6890 / 13776).
        MeshData mesh = TestMeshes.rotated(TestMeshes.torus(0.55f, 0.2f, 84, 82), Math.toRadians(65), 0.3);
        assertThat(mesh.faceCount()).isEqualTo(13776);
        byte[] input = syntheticInput();
        OfficialDemoRenderer demo = new OfficialDemoRenderer();
        float[] cam = {1.0f, 0, 0};
        StringBuilder report = new StringBuilder("render timing (224×224, 13776 faces, one thread, CPU time):");
        for (int ss : new int[] {1, 2, 3}) {
            double[] ms = time(() -> demo.render(mesh, cam, OfficialDemoRenderer.BodyColor.PINK, input, ss));
            report.append(String.format(Locale.ROOT, "%n  official preset %d×%d: median %.2f ms, best %.2f ms",
                    ss, ss, ms[0], ms[1]));
        }
        MeshRenderer renderer = new MeshRenderer();
        RenderOptions phong = RenderOptions.defaults().withShading(Shading.PHONG)
                .withLighting(OfficialDemoRenderer.lighting().withSpecular(Rgb.grey(0.3f), 30));
        MeshData withNormals = mesh.withComputedNormals();
        double[] ms = time(() -> renderer.render(withNormals, OfficialDemoRenderer.camera(1, 0, 0), phong));
        report.append(String.format(Locale.ROOT, "%n  Phong + Blinn-Phong 2×2: median %.2f ms, best %.2f ms", ms[0], ms[1]));
        System.out.println(report);
    }

    /** Median and best of the thread's CPU time per call: wall time on a shared build machine says little. */
    private static double[] time(Runnable r) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 60; i++) {
            r.run();
        }
        double[] t = new double[100];
        for (int i = 0; i < t.length; i++) {
            long start = threads.getCurrentThreadCpuTime();
            r.run();
            t[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return new double[] {t[t.length / 2], t[0]};
    }

    /** An n × n quad grid in the plane y = {@code y}, facing up (-y), coloured by depth from red (near) to blue. */
    private static MeshData floorGrid(int n, float x0, float x1, float z0, float z1, float y) {
        float[] p = new float[3 * (n + 1) * (n + 1)];
        float[] c = new float[p.length];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                int v = 3 * (i * (n + 1) + j);
                float u = (float) i / n;
                p[v] = x0 + (x1 - x0) * j / n;
                p[v + 1] = y;
                p[v + 2] = z0 + (z1 - z0) * u;
                c[v] = 1 - u;
                c[v + 1] = 0.35f;
                c[v + 2] = u;
            }
        }
        int[] t = new int[6 * n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int a = i * (n + 1) + j;
                int b = a + 1;
                int d = a + n + 1;
                int e = d + 1;
                // Normal (b−a)×(d−a) = (+x)×(+z) = -y: up in a y-down frame.
                t[k++] = a;
                t[k++] = b;
                t[k++] = d;
                t[k++] = b;
                t[k++] = e;
                t[k++] = d;
            }
        }
        return new MeshData(p, t, null, c);
    }

    private static float[] rotationX(double a) {
        float c = (float) Math.cos(a);
        float s = (float) Math.sin(a);
        return new float[] {1, 0, 0, 0, c, -s, 0, s, c};
    }
}
