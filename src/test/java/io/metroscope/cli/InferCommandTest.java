package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.format.NdArray;
import io.metroscope.format.Npy;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.recon.FixtureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code metroscope infer}: wrong inputs give one clear line and the documented exit code. */
class InferCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = MetroscopeCommand.newCommandLine(new ComputeDeviceService());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path zeros(int... shape) throws IOException {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        Path file = temp.resolve("zeros" + n + ".npy");
        Npy.write(file, NdArray.ofFloats(new float[n], shape));
        return file;
    }

    private String[] handArgs(Path checkpoint, Path input) {
        return handArgs(checkpoint, input, "--device", "cpu");
    }

    private String[] handArgs(Path checkpoint, Path input, String... extra) {
        String[] base = {"infer", "--checkpoint", checkpoint.toString(), "--mano",
                FixtureFiles.file(FixtureFiles.HAND, "template.npz").toString(), "--metro-data",
                FixtureFiles.metroData().toString(), "--out", temp.resolve("o.npz").toString(),
                "--input-tensor", input.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void aHandCheckpointWithABodyTemplateIsRefused() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        int code = run("infer", "--checkpoint", checkpoint.toString(), "--smpl",
                FixtureFiles.file(FixtureFiles.BODY, "smpl_fake.npz").toString(), "--metro-data",
                FixtureFiles.metroData().toString(), "--device", "cpu", "--out", temp.resolve("o.npz").toString(),
                "--input-tensor", zeros(1, 3, 224, 224).toString());
        assertThat(code).as(err.toString()).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("hand checkpoint needs 216 tokens (21 joints + 195 coarse vertices)")
                .contains("body template with 445 tokens").contains("pass --mano");
        assertThat(temp.resolve("o.npz")).doesNotExist();
    }

    @Test
    void anImageThatIsNotAnImageIsRefusedNamingIt() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        Path fake = java.nio.file.Files.writeString(temp.resolve("holiday.jpg"), "this is text, not a JPEG");
        int code = run("infer", "--checkpoint", checkpoint.toString(), "--mano",
                FixtureFiles.file(FixtureFiles.HAND, "template.npz").toString(), "--metro-data",
                FixtureFiles.metroData().toString(), "--device", "cpu", "--out", temp.resolve("o.npz").toString(),
                fake.toString());
        assertThat(code).as(err.toString()).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("holiday.jpg").contains("Fix:");
        assertThat(temp.resolve("o.npz")).doesNotExist();
    }

    @Test
    void aTruncatedCheckpointIsRefused() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        Path truncated = temp.resolve("truncated.bin");
        try (InputStream in = Files.newInputStream(checkpoint); OutputStream o = Files.newOutputStream(truncated)) {
            o.write(in.readNBytes((int) (Files.size(checkpoint) / 2)));
        }
        int code = run(handArgs(truncated, zeros(1, 3, 224, 224)));
        assertThat(code).as(err.toString()).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("metroscope: " + truncated).contains("Fix:");
        System.out.println("truncated checkpoint: " + err);
    }

    @Test
    void anAbsentGpuIsReportedBeforeAnythingIsLoaded() throws Exception {
        Assumptions.assumeTrue(new ComputeDeviceService().engine().getGpuCount() < 8);
        int code = run(handArgs(temp.resolve("never-read.bin"), zeros(1, 3, 224, 224), "--device", "gpu:7"));
        assertThat(code).as(err.toString()).isEqualTo(MetroscopeCommand.EXIT_UNAVAILABLE);
        assertThat(err.toString()).contains("GPU 7 was requested").contains("--device cpu");
    }

    @Test
    void anInputTensorThatIsNotNpyIsRefused() throws Exception {
        Path text = temp.resolve("input.npy");
        Files.writeString(text, "not numpy at all");
        int code = run(handArgs(temp.resolve("never-read.bin"), text));
        assertThat(code).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains(text.toString()).contains("not a NumPy .npy file");
    }

    @Test
    void anInputTensorOfTheWrongShapeIsRefused() throws Exception {
        Path wrong = zeros(2, 3, 100, 100);
        int code = run(handArgs(temp.resolve("never-read.bin"), wrong));
        assertThat(code).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("its shape is (2, 3, 100, 100) but METRO needs (B, 3, 224, 224)")
                .contains("Fix: save the normalised input with numpy.save");
        err.getBuffer().setLength(0);
        Path ints = temp.resolve("ints.npy");
        Npy.write(ints, NdArray.ofInts(new int[3 * 224 * 224], 3, 224, 224));
        assertThat(run(handArgs(temp.resolve("never-read.bin"), ints))).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("dtype");
    }

    @Test
    void inputsMustBeImagesOrATensor() throws Exception {
        assertThat(run("infer", "--checkpoint", "c.bin", "--template", "t.npz", "--out", "o.npz")).isEqualTo(2);
        assertThat(err.toString()).contains("give images (IMAGE...) or --input-tensor T.npy");
        err.getBuffer().setLength(0);
        assertThat(run("infer", "--checkpoint", "c.bin", "--template", "t.npz", "--out", "o.npz", "--input-tensor",
                "t.npy", "a.png")).isEqualTo(2);
        assertThat(err.toString()).contains("not both");
        err.getBuffer().setLength(0);
        assertThat(run("infer", "--checkpoint", "c.bin", "--smpl", "s.pkl", "--out", "o.npz", "--input-tensor",
                "t.npy")).isEqualTo(2);
        assertThat(err.toString()).contains("--smpl needs --metro-data");
        err.getBuffer().setLength(0);
        assertThat(run("infer", "--checkpoint", "c.bin", "--smpl", "s.pkl", "--template", "t.npz", "--out", "o.npz",
                "--input-tensor", "t.npy")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    /**
     * {@code --flip-average} on the body demo: the mesh moves (the mirrored pass is averaged in) but stays the same
     * body (within a few centimetres per vertex; 11.7 mm measured), and a mirrored input gives the mirror of the
     * result (0.08 mm measured: the template's L/R pairs that do not pair back). A hand model refuses the option.
     */
    @Test
    void flipAveragingAveragesTheMirroredCrop() throws Exception {
        Path image = Path.of("assets", "samples", "synthetic-body-1.png");
        String bundle = Path.of("assets", "models", "body-demo").toString();
        Path plain = temp.resolve("plain.npz");
        Path flipped = temp.resolve("flipped.npz");
        assertThat(run("infer", "--bundle", bundle, "--device", "cpu", "--out", plain.toString(), image.toString()))
                .as(err.toString()).isZero();
        assertThat(run("infer", "--bundle", bundle, "--device", "cpu", "--flip-average", "--out", flipped.toString(),
                image.toString())).as(err.toString()).isZero();
        float[] a = io.metroscope.format.Npz.read(plain).get("vertices_centered").toFloatArray();
        float[] b = io.metroscope.format.Npz.read(flipped).get("vertices_centered").toFloatArray();
        double mean = 0;
        for (int i = 0; i < a.length; i++) {
            mean += Math.abs(a[i] - b[i]) / a.length;
        }
        assertThat(mean).as("mean |plain − flip-averaged| per coordinate (m)").isBetween(1e-5, 0.03);

        // the same crop mirrored, flip-averaged: the mirror image of the result (up to the template's asymmetry)
        float[] crop = io.metroscope.format.Npz.read(flipped).get("input").toFloatArray();
        float[] both = io.metroscope.recon.FlipAverage.withMirrors(crop, 1);
        Path mirroredCrop = temp.resolve("mirrored.npy");
        Npy.write(mirroredCrop, NdArray.ofFloats(java.util.Arrays.copyOfRange(both, crop.length, both.length), 1, 3,
                224, 224));
        Path mirroredOut = temp.resolve("mirrored.npz");
        assertThat(run("infer", "--bundle", bundle, "--device", "cpu", "--flip-average", "--out",
                mirroredOut.toString(), "--input-tensor", mirroredCrop.toString())).as(err.toString()).isZero();
        float[] m = io.metroscope.format.Npz.read(mirroredOut).get("vertices_centered").toFloatArray();
        io.metroscope.body.MirrorMap map = io.metroscope.body.MirrorMap.of(io.metroscope.body.OpenTemplates.read(
                Path.of("templates", "body.npz")).template().fullVertices());
        float[] back = map.reflect(m);
        double apart = 0;
        for (int i = 0; i < b.length; i++) {
            apart += Math.abs(back[i] - b[i]) / b.length;
        }
        assertThat(apart).as("mean |result − mirrored result mirrored back| per coordinate (m)").isLessThan(0.001);

        int code = run("infer", "--bundle", Path.of("assets", "models", "hand-demo").toString(), "--device", "cpu",
                "--flip-average", "--out", temp.resolve("hand.npz").toString(), "--input-tensor",
                zeros(1, 3, 224, 224).toString());
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("body models only");
        assertThat(temp.resolve("hand.npz")).doesNotExist();
    }

    /** A folder stands for its images in name order (not for other files); an empty one is refused, naming it. */
    @Test
    void aFolderIsItsImagesInNameOrder() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(temp.resolve("frames"));
        java.nio.file.Files.copy(Path.of("assets", "samples", "synthetic-body-2.png"), folder.resolve("b.png"));
        java.nio.file.Files.copy(Path.of("assets", "samples", "synthetic-body-1.png"), folder.resolve("a.PNG"));
        java.nio.file.Files.writeString(folder.resolve("notes.txt"), "not an image");
        Path fromFolder = temp.resolve("folder.npz");
        Path named = temp.resolve("named.npz");
        String bundle = Path.of("assets", "models", "body-demo").toString();
        assertThat(run("infer", "--bundle", bundle, "--device", "cpu", "--out", fromFolder.toString(),
                folder.toString())).as(err.toString()).isZero();
        assertThat(run("infer", "--bundle", bundle, "--device", "cpu", "--out", named.toString(),
                folder.resolve("a.PNG").toString(), folder.resolve("b.png").toString())).as(err.toString()).isZero();
        NdArray a = io.metroscope.format.Npz.read(fromFolder).get("input");
        assertThat(a.shape()).containsExactly(2, 3, 224, 224);
        assertThat(a.toFloatArray()).isEqualTo(io.metroscope.format.Npz.read(named).get("input").toFloatArray());

        Path empty = java.nio.file.Files.createDirectories(temp.resolve("empty"));
        assertThat(run("infer", "--bundle", bundle, "--device", "cpu", "--out", temp.resolve("e.npz").toString(),
                empty.toString())).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains(empty + ": the folder holds no images");
    }

    @Test
    void helpDescribesTheContract() {
        assertThat(run("infer", "--help")).isZero();
        assertThat(out.toString()).contains("--checkpoint", "--smpl", "--mano", "--template", "--metro-data", "--heads",
                "--attention", "--out", "--input-tensor", "IMAGE", "--device", "joints2d");
    }
}
