package io.metroscope.vision.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.format.MeshData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshRendererTest {

    private static final Rgb RED = new Rgb(1, 0, 0);
    private static final Rgb BLUE = new Rgb(0, 0, 1);

    private final MeshRenderer renderer = new MeshRenderer();

    private static RenderOptions unlit(int supersampling) {
        return RenderOptions.defaults().withLighting(Lighting.unlit()).withSupersampling(supersampling)
                .withBaseColor(Rgb.WHITE);
    }

    @Test
    void nearerTriangleWinsWhateverTheDrawOrder() {
        MeshData red = TestMeshes.triangle(new float[] {-0.8f, -0.8f, 0.1f, 0.6f, -0.6f, 0.1f, -0.2f, 0.7f, 0.1f}, RED);
        MeshData blue = TestMeshes.triangle(new float[] {-0.6f, -0.7f, 0.5f, 0.8f, -0.2f, 0.5f, 0.2f, 0.8f, 0.5f}, BLUE);
        Camera weak = new WeakPerspectiveCamera(1, 0, 0, 64, 64);
        // The same scene pushed to z ≈ 3 for a perspective camera of similar framing.
        Camera pinhole = PinholeCamera.of(64, 64, 96, 96, 32, 32)
                .withPose(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[] {0, 0, 3});
        for (Camera camera : new Camera[] {weak, pinhole}) {
            for (MeshData scene : new MeshData[] {TestMeshes.merge(red, blue), TestMeshes.merge(blue, red)}) {
                RenderImage img = renderer.render(scene, camera, unlit(1));
                int[] overlap = pixelOf(camera, 0.0f, -0.3f, 0.3f);
                assertThat(img.rgbAt(overlap[0], overlap[1])).as("%s overlap", camera).isEqualTo(0xff0000);
                int[] blueOnly = pixelOf(camera, 0.5f, -0.2f, 0.5f);
                assertThat(img.rgbAt(blueOnly[0], blueOnly[1])).as("%s blue only", camera).isEqualTo(0x0000ff);
            }
        }
    }

    private static int[] pixelOf(Camera camera, float x, float y, float z) {
        float[] out = new float[4];
        assertThat(camera.project(x, y, z, out, 0)).isTrue();
        return new int[] {(int) Math.floor(out[0]), (int) Math.floor(out[1])};
    }

    @Test
    void weakPerspectiveIsMetrosFormulaAtTheVertices() {
        float s = 0.87f;
        float tx = 0.11f;
        float ty = -0.23f;
        WeakPerspectiveCamera cam = new WeakPerspectiveCamera(s, tx, ty, 224, 224);
        float[] out = new float[4];
        float[][] points = {{0, 0, 0}, {0.3f, -0.7f, 0.2f}, {-0.45f, 0.5f, -0.1f}, {1, 1, 1}};
        for (float[] p : points) {
            cam.project(p[0], p[1], p[2], out, 0);
            // x_img = s·(x + tx), pixel = (x_img + 1)·W/2: exactly, in float.
            float xImg = s * (p[0] + tx);
            float yImg = s * (p[1] + ty);
            assertThat(out[0]).isEqualTo((xImg + 1f) * 224 / 2f);
            assertThat(out[1]).isEqualTo((yImg + 1f) * 224 / 2f);
            assertThat(out[2]).isEqualTo(p[2]);
            assertThat(out[3]).isEqualTo(1f);
            assertThat((double) out[0]).isCloseTo((s * ((double) p[0] + tx) + 1) * 112, within(1e-4));
        }
        assertThat(WeakPerspectiveCamera.metro(new float[] {s, tx, ty})).isEqualTo(cam);
    }

    @Test
    void yRunsDownAndXRight() {
        // METRO's frame: a point with negative y is above the centre of the image, positive x right of it.
        MeshData up = TestMeshes.quad(-0.1f, -0.7f, 0.1f, -0.5f, 0);
        MeshData right = TestMeshes.quad(0.5f, -0.1f, 0.7f, 0.1f, 0);
        Camera[] cameras = {
            new WeakPerspectiveCamera(1, 0, 0, 100, 100),
            OfficialDemoRenderer.camera(1, 0, 0),
        };
        for (Camera camera : cameras) {
            int w = camera.width();
            int h = camera.height();
            RenderImage a = renderer.render(up, camera, unlit(1));
            assertThat(a.alphaAt(w / 2, (int) (h * 0.2))).as("%s up", camera).isEqualTo(255);
            assertThat(a.alphaAt(w / 2, (int) (h * 0.8))).isZero();
            RenderImage b = renderer.render(right, camera, unlit(1));
            assertThat(b.alphaAt((int) (w * 0.8), h / 2)).as("%s right", camera).isEqualTo(255);
            assertThat(b.alphaAt((int) (w * 0.2), h / 2)).isZero();
        }
    }

    @Test
    void lambertPlaneFacingTheLightIsLightTimesAlbedo() {
        MeshData plane = TestMeshes.quad(-0.8f, -0.8f, 0.8f, 0.8f, 0.2f);
        Rgb light = new Rgb(0.8f, 0.6f, 1.0f);
        Rgb albedo = Rgb.grey(0.5f);
        Lighting directional = Lighting.lambert(Rgb.BLACK, Light.directional(0, 0, -1, light));
        // A point light far along -z is practically the same.
        Lighting point = Lighting.lambert(Rgb.BLACK, Light.point(0, 0, -1e5f, light));
        for (Lighting lighting : new Lighting[] {directional, point}) {
            for (Shading shading : Shading.values()) {
                RenderOptions o = RenderOptions.defaults().withLighting(lighting).withShading(shading)
                        .withBaseColor(albedo).withSupersampling(1);
                RenderImage img = renderer.render(plane, new WeakPerspectiveCamera(1, 0, 0, 32, 32), o);
                int px = img.rgbAt(16, 16);
                assertThat((px >> 16) & 0xff).as("%s red", shading).isCloseTo(102, within(1));
                assertThat((px >> 8) & 0xff).as("%s green", shading).isCloseTo(77, within(1));
                assertThat(px & 0xff).as("%s blue", shading).isCloseTo(128, within(1));
            }
        }
        // Lit from behind, one-sided: dark; two-sided lighting treats the visible side as facing the viewer.
        Lighting behind = Lighting.lambert(Rgb.BLACK, Light.directional(0, 0, 1, light));
        RenderOptions o = RenderOptions.defaults().withBaseColor(albedo).withSupersampling(1);
        RenderImage dark = renderer.render(plane, new WeakPerspectiveCamera(1, 0, 0, 32, 32),
                o.withLighting(behind.withTwoSided(false)));
        assertThat(dark.rgbAt(16, 16)).isZero();
    }

    @Test
    void blinnPhongAddsAHighlightWhereTheHalfVectorMeetsTheNormal() {
        MeshData plane = TestMeshes.quad(-0.8f, -0.8f, 0.8f, 0.8f, 0.2f);
        Lighting lighting = Lighting.lambert(Rgb.BLACK, Light.directional(0, 0, -1, Rgb.WHITE))
                .withSpecular(Rgb.grey(0.3f), 32);
        RenderOptions o = RenderOptions.defaults().withLighting(lighting).withShading(Shading.PHONG)
                .withBaseColor(Rgb.grey(0.5f)).withSupersampling(1);
        RenderImage img = renderer.render(plane, new WeakPerspectiveCamera(1, 0, 0, 32, 32), o);
        // 0.5 diffuse + 0.3 specular (light, eye and normal all along -z).
        assertThat(img.rgbAt(16, 16) & 0xff).isCloseTo(204, within(1));
    }

    @Test
    void supersamplingGivesIntermediateValuesOnEdges() {
        // A white square whose edges cut pixels in fractions, over black.
        MeshData square = TestMeshes.quad(-0.513f, -0.377f, 0.421f, 0.388f, 0);
        Camera cam = new WeakPerspectiveCamera(1, 0, 0, 40, 40);
        RenderImage aliased = renderer.render(square, cam, unlit(1));
        RenderImage smooth = renderer.render(square, cam, unlit(4));
        int partialAliased = 0;
        int partialSmooth = 0;
        double coverage = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                int a = smooth.alphaAt(x, y);
                coverage += a / 255.0;
                if (a > 0 && a < 255) {
                    partialSmooth++;
                    int grey = smooth.rgbAt(x, y) & 0xff;
                    assertThat(grey).isBetween(1, 254);
                }
                if (aliased.alphaAt(x, y) > 0 && aliased.alphaAt(x, y) < 255) {
                    partialAliased++;
                }
            }
        }
        assertThat(partialAliased).isZero();
        // One ring of partly covered pixels around a 18.7 × 15.3 px square.
        assertThat(partialSmooth).isBetween(60, 72);
        double area = (0.421 + 0.513) * 20 * (0.388 + 0.377) * 20;
        assertThat(coverage).isCloseTo(area, within(2.0));
        assertThat(smooth.rgbAt(20, 20)).isEqualTo(0xffffff);
    }

    @Test
    void colourIsInterpolatedPerspectiveCorrectly() {
        // A quad receding from z=1 (left, red) to z=3 (right, green).
        float[] p = {-1, -1, 1, 1, -1, 3, 1, 1, 3, -1, 1, 1};
        float[] c = {1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0};
        MeshData quad = new MeshData(p, new int[] {0, 1, 2, 0, 2, 3}, null, c);
        PinholeCamera cam = PinholeCamera.of(200, 200, 100, 100, 100, 100);
        RenderImage img = renderer.render(quad, cam, unlit(1));
        // Left edge projects to x=0, right edge to x=133.3; pixel 66's centre is about half way on screen.
        double s = 66.5 / (100 + 100.0 / 3);
        double t = s / 3 / ((1 - s) + s / 3); // the fraction of the way along the quad in 3D
        int px = img.rgbAt(66, 100);
        assertThat((px >> 8) & 0xff).isCloseTo((int) Math.round(255 * t), within(2));
        assertThat((px >> 16) & 0xff).isCloseTo((int) Math.round(255 * (1 - t)), within(2));
        assertThat(t).isLessThan(0.3); // far from the affine answer of ~0.5
    }

    @Test
    void cullingKeepsTheVisibleSideOfAClosedMesh() {
        MeshData sphere = TestMeshes.sphere(0, 0, 0, 0.6f, 24, 32);
        assertThat(TestMeshes.signedVolume6(sphere)).isPositive();
        Camera[] cameras = {
            new WeakPerspectiveCamera(1, 0, 0, 64, 64),
            PinholeCamera.of(64, 64, 80, 80, 32, 32).withPose(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                    new float[] {0, 0, 2}),
        };
        for (Camera cam : cameras) {
            RenderOptions o = RenderOptions.defaults().withSupersampling(1);
            RenderImage none = renderer.render(sphere, cam, o);
            RenderImage back = renderer.render(sphere, cam, o.withCullMode(CullMode.BACK));
            RenderImage front = renderer.render(sphere, cam, o.withCullMode(CullMode.FRONT));
            assertThat(back.rgb()).as("%s", cam).isEqualTo(none.rgb());
            assertThat(front.rgb()).isNotEqualTo(none.rgb());
            if (cam instanceof WeakPerspectiveCamera) {
                // Orthographically, the inside of the far half covers the same disc.
                assertThat(front.alpha()).isEqualTo(none.alpha());
            }
        }
    }

    @Test
    void insideOutMeshLooksTheSameWithTwoSidedLighting() {
        MeshData sphere = TestMeshes.sphere(0, 0, 0, 0.6f, 24, 32);
        int[] t = sphere.triangles().clone();
        for (int i = 0; i < t.length; i += 3) {
            int tmp = t[i + 1];
            t[i + 1] = t[i + 2];
            t[i + 2] = tmp;
        }
        MeshData inverted = MeshData.of(sphere.positions(), t);
        Camera cam = new WeakPerspectiveCamera(1, 0, 0, 64, 64);
        for (Shading shading : Shading.values()) {
            RenderOptions o = RenderOptions.defaults().withSupersampling(2).withShading(shading);
            assertThat(renderer.render(inverted, cam, o).rgb()).as(shading.name())
                    .isEqualTo(renderer.render(sphere, cam, o).rgb());
        }
    }

    @Test
    void wireframeDrawsTheVisibleEdges() {
        MeshData plane = TestMeshes.quad(-0.8f, -0.8f, 0.8f, 0.8f, 0);
        RenderOptions o = unlit(1).withBaseColor(Rgb.grey(0.5f)).withWireframe(new Wireframe(RED, 1.5f));
        RenderImage img = renderer.render(plane, new WeakPerspectiveCamera(1, 0, 0, 50, 50), o);
        // The shared diagonal runs from (5,5) to (45,45) in pixels.
        assertThat(img.rgbAt(25, 25)).isEqualTo(0xff0000);
        assertThat(img.rgbAt(30, 15)).isEqualTo(0x808080);
        assertThat(img.rgbAt(5, 25)).isEqualTo(0xff0000); // the left border edge
    }

    @Test
    void compositesOverTheBackground() {
        byte[] bg = new byte[3 * 16 * 16];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = (byte) (i * 7);
        }
        MeshData small = TestMeshes.quad(-0.25f, -0.25f, 0.25f, 0.25f, 0);
        Camera cam = new WeakPerspectiveCamera(1, 0, 0, 16, 16);
        RenderImage img = renderer.render(small, cam, unlit(3).withBackground(Background.picture(16, 16, bg)));
        assertThat(img.rgbAt(0, 0)).isEqualTo((bg[0] & 0xff) << 16 | (bg[1] & 0xff) << 8 | (bg[2] & 0xff));
        assertThat(img.rgbAt(8, 8)).isEqualTo(0xffffff);
        assertThat(img.alphaAt(0, 0)).isZero();
        assertThat(img.alphaAt(8, 8)).isEqualTo(255);

        RenderImage clear = renderer.render(small, cam, unlit(3).withBackground(Background.transparent()));
        assertThat(clear.rgbAt(0, 0)).isZero();
        assertThat(clear.rgbAt(8, 8)).isEqualTo(0xffffff);

        assertThatThrownBy(() -> renderer.render(small, new WeakPerspectiveCamera(1, 0, 0, 20, 16),
                unlit(1).withBackground(Background.picture(16, 16, bg))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16×16");
    }

    @Test
    void trianglesCrossingTheNearPlaneAreClipped() {
        // A floor 0.5 below the eye (y down) from z = -1, behind the camera, to z = 5; red encodes (z + 1)/6.
        float[] p = {-2, 0.5f, -1, 2, 0.5f, -1, 2, 0.5f, 5, -2, 0.5f, 5};
        float[] c = {0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0};
        MeshData floor = new MeshData(p, new int[] {0, 1, 2, 0, 2, 3}, null, c);
        PinholeCamera cam = PinholeCamera.of(100, 100, 50, 50, 50, 50).withNear(0.1f);
        for (Shading shading : Shading.values()) {
            RenderOptions o = unlit(1).withShading(shading).withWireframe(shading == Shading.FLAT
                    ? null : new Wireframe(Rgb.WHITE, 1));
            RenderImage img = renderer.render(floor, cam, o);
            for (int row : new int[] {60, 80, 99}) {
                double z = 50 * 0.5 / (row + 0.5 - 50); // the floor point seen through this row
                for (int col : new int[] {10, 50, 90}) {
                    assertThat(img.alphaAt(col, row)).as("%s %d,%d", shading, col, row).isEqualTo(255);
                    if (shading != Shading.FLAT) {
                        assertThat(img.rgbAt(col, row) >> 16).as("%s %d,%d", shading, col, row)
                                .isCloseTo((int) Math.round(255 * (z + 1) / 6), within(2));
                    }
                }
            }
            // Above the far edge's horizon (row 55) there is nothing.
            assertThat(img.alphaAt(50, 52)).isZero();
            assertThat(img.alphaAt(50, 10)).isZero();
        }
    }

    @Test
    void trianglesBehindThePinholeAreDropped() {
        MeshData plane = TestMeshes.quad(-1, -1, 1, 1, -2);
        RenderImage img = renderer.render(plane, PinholeCamera.of(16, 16, 10, 10, 8, 8), unlit(1));
        assertThat(img.alpha()).containsOnly(0);
    }

    @Test
    void savesPngsThatReadBack(@TempDir Path dir) throws Exception {
        MeshData sphere = TestMeshes.sphere(0, 0, 0, 0.5f, 12, 16);
        RenderImage img = renderer.render(sphere, new WeakPerspectiveCamera(1, 0, 0, 24, 20),
                RenderOptions.defaults().withBackground(Background.transparent()));
        Path rgb = dir.resolve("a.png");
        Path rgba = dir.resolve("b.png");
        RenderImageFiles.writePng(rgb, img);
        RenderImageFiles.writePngWithAlpha(rgba, img);
        BufferedImage back = ImageIO.read(rgb.toFile());
        assertThat(back.getWidth()).isEqualTo(24);
        assertThat(back.getRGB(12, 10) & 0xffffff).isEqualTo(img.rgbAt(12, 10));
        BufferedImage backA = ImageIO.read(rgba.toFile());
        assertThat(backA.getColorModel().hasAlpha()).isTrue();
        assertThat(backA.getRGB(0, 0) >>> 24).isZero();
        assertThat(backA.getRGB(12, 10) >>> 24).isEqualTo(255);
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(2);
        }
    }
}
