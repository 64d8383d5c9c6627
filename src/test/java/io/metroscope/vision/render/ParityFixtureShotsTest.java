package io.metroscope.vision.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metroscope.format.MeshData;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the shared parity fixtures' predicted meshes (untrained weights, so body- and hand-like blobs) the way the
 * official demo does, over the fixtures' own 224 crops. Skipped where the shared fixtures are absent.
 */
class ParityFixtureShotsTest {

    private static final Path PARITY = Path.of("..", "shared", "fixtures", "parity");
    private static final Path SHOTS = Path.of("target", "render-shots");

    @Test
    void bodyFixtureRendersOverItsCrops(@TempDir Path tmp) throws Exception {
        Path dir = PARITY.resolve("body-tiny");
        assumeTrue(Files.isRegularFile(dir.resolve("expected.npz.gz")), "shared parity fixtures not present");
        int[] faces;
        float[] rest;
        try (Npz smpl = Npz.open(dir.resolve("smpl_fake.npz"))) {
            faces = toInts(smpl.get("f").toLongArray());
            double[] v = smpl.get("v_template").toDoubleArray();
            // METRO's template turn: π about x makes SMPL's y-up rest pose y-down, z-forward.
            float[] c = centroid(toFloats(v));
            rest = new float[v.length];
            for (int i = 0; i < v.length; i += 3) {
                rest[i] = (float) v[i] - c[0];
                rest[i + 1] = -((float) v[i + 1] - c[1]);
                rest[i + 2] = -((float) v[i + 2] - c[2]);
            }
        }
        renderAll(gunzip(dir.resolve("expected.npz.gz"), tmp), faces, OfficialDemoRenderer.BodyColor.PINK, "body");

        // The smooth rest blob, official look and back faces culled: the same picture when the faces wind outwards.
        MeshData template = MeshData.of(rest, faces);
        PinholeCamera camera = OfficialDemoRenderer.camera(0.9f, 0, 0);
        RenderOptions official = OfficialDemoRenderer.options(OfficialDemoRenderer.BodyColor.LIGHT_BLUE, null, 2);
        MeshRenderer renderer = new MeshRenderer();
        RenderImage both = renderer.render(template, camera, official);
        RenderImage culled = renderer.render(template, camera, official.withCullMode(CullMode.BACK));
        RenderImageFiles.writePng(SHOTS.resolve("fixture_smpl_fake_rest.png"), both);
        RenderImageFiles.writePng(SHOTS.resolve("fixture_smpl_fake_rest_backculled.png"), culled);
        RenderImageFiles.writePng(SHOTS.resolve("fixture_smpl_fake_rest_wire.png"), renderer.render(template,
                camera, official.withShading(Shading.FLAT).withWireframe(new Wireframe(Rgb.grey(0.2f), 0.5f))));
        assertThat(TestMeshes.signedVolume6(template)).isPositive();
        assertThat(culled.rgb()).isEqualTo(both.rgb());
    }

    @Test
    void handFixtureRendersOverItsCrops(@TempDir Path tmp) throws Exception {
        Path dir = PARITY.resolve("hand-tiny");
        assumeTrue(Files.isRegularFile(dir.resolve("expected.npz.gz")), "shared parity fixtures not present");
        int[] faces;
        try (Npz template = Npz.open(dir.resolve("template.npz"))) {
            faces = template.get("faces").toIntArray();
        }
        renderAll(gunzip(dir.resolve("expected.npz.gz"), tmp), faces, OfficialDemoRenderer.BodyColor.HAND, "hand");
    }

    private static void renderAll(Path expected, int[] faces, OfficialDemoRenderer.BodyColor color, String name)
            throws Exception {
        Files.createDirectories(SHOTS);
        OfficialDemoRenderer demo = new OfficialDemoRenderer();
        try (Npz npz = Npz.open(expected)) {
            NdArray vertices = npz.get("vertices_centered");
            float[] all = vertices.toFloatArray();
            float[] cams = npz.get("cam").toFloatArray();
            byte[] crops = toBytes(npz.get("crop_rgb").toIntArray());
            int b = vertices.dim(0);
            int perMesh = 3 * vertices.dim(1);
            for (int i = 0; i < b; i++) {
                MeshData mesh = MeshData.of(Arrays.copyOfRange(all, i * perMesh, (i + 1) * perMesh), faces);
                float[] cam = Arrays.copyOfRange(cams, 3 * i, 3 * i + 3);
                byte[] crop = Arrays.copyOfRange(crops, i * 3 * 224 * 224, (i + 1) * 3 * 224 * 224);
                RenderImage img = demo.render(mesh, cam, color, crop);
                RenderImageFiles.writePng(SHOTS.resolve("fixture_" + name + "_" + i + ".png"), img);
                // The mesh lands where the weak-perspective camera puts its centroid.
                float[] px = new float[4];
                float[] c = centroid(mesh.positions());
                WeakPerspectiveCamera.metro(cam).project(c[0], c[1], c[2], px, 0);
                assertThat(img.alphaAt((int) px[0], (int) px[1])).as("%s %d centre", name, i).isEqualTo(255);
            }
        }
    }

    private static float[] centroid(float[] p) {
        double x = 0;
        double y = 0;
        double z = 0;
        for (int i = 0; i < p.length; i += 3) {
            x += p[i];
            y += p[i + 1];
            z += p[i + 2];
        }
        int n = p.length / 3;
        return new float[] {(float) (x / n), (float) (y / n), (float) (z / n)};
    }

    private static Path gunzip(Path gz, Path dir) throws Exception {
        Path out = dir.resolve(gz.getFileName().toString().replace(".gz", ""));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, out);
        }
        return out;
    }

    private static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.toIntExact(v[i]);
        }
        return out;
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static byte[] toBytes(int[] v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }
}
