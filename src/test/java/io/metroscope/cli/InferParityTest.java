package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.format.NdArray;
import io.metroscope.format.Npy;
import io.metroscope.format.Npz;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.recon.FixtureFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code metroscope infer --input-tensor ... --attention} against the official outputs of both parity fixtures:
 * every array infer writes must match expected.npz within 1e-4 (1e-5 for the template).
 */
class InferParityTest {

    private static final double BAR = 1e-4;
    private static final double TEMPLATE_BAR = 1e-5;

    @TempDir
    Path temp;

    @Test
    void bodyMatchesTheOfficialDemo() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.BODY, FixtureFiles.BODY_CHECKPOINT, temp);
        Path smpl = FixtureFiles.file(FixtureFiles.BODY, "smpl_fake.npz");
        Map<String, NdArray> expected = Npz.read(FixtureFiles.gunzip(FixtureFiles.BODY, "expected.npz", temp));
        Map<String, NdArray> actual = infer(expected, "--checkpoint", checkpoint.toString(), "--smpl", smpl.toString(),
                "--metro-data", FixtureFiles.metroData().toString(), "--device", "cpu");
        compare("body-tiny", expected, actual, true);
    }

    @Test
    void handMatchesTheOfficialDemo() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        Path mano = FixtureFiles.file(FixtureFiles.HAND, "template.npz");
        Map<String, NdArray> expected = Npz.read(FixtureFiles.gunzip(FixtureFiles.HAND, "expected.npz", temp));
        Map<String, NdArray> actual = infer(expected, "--checkpoint", checkpoint.toString(), "--mano", mano.toString(),
                "--metro-data", FixtureFiles.metroData().toString(), "--device", "cpu");
        compare("hand-tiny", expected, actual, false);
    }

    @Test
    void handImagesGoThroughTheOfficialPreprocessing() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        Path mano = FixtureFiles.file(FixtureFiles.HAND, "template.npz");
        Map<String, NdArray> expected = Npz.read(FixtureFiles.gunzip(FixtureFiles.HAND, "expected.npz", temp));
        Map<String, NdArray> actual = run("--checkpoint", checkpoint.toString(), "--mano", mano.toString(),
                "--metro-data", FixtureFiles.metroData().toString(), "--device", "cpu", "--attention", "--out",
                temp.resolve("images.npz").toString(), FixtureFiles.file(FixtureFiles.HAND, "hand_1_224.jpg").toString(),
                FixtureFiles.file(FixtureFiles.HAND, "hand_2_300x260.png").toString());
        compare("hand-tiny from images", expected, actual, false);
    }

    private Map<String, NdArray> infer(Map<String, NdArray> expected, String... args) throws Exception {
        Path input = temp.resolve("input.npy");
        Npy.write(input, expected.get("input"));
        Path out = temp.resolve("out.npz");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--attention", "--out", out.toString(), "--input-tensor", input.toString()));
        return run(all.toArray(String[]::new));
    }

    private Map<String, NdArray> run(String... args) throws Exception {
        Path out = Path.of(args[java.util.Arrays.asList(args).indexOf("--out") + 1]);
        List<String> all = new ArrayList<>(List.of("infer"));
        all.addAll(List.of(args));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cl = MetroscopeCommand.newCommandLine(new ComputeDeviceService());
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        int code = cl.execute(all.toArray(String[]::new));
        System.out.print(stdout);
        assertThat(code).as("exit code; stderr: " + stderr).isZero();
        assertThat(stdout.toString()).contains("Model:", "0 missing, 0 unexpected", "Device:     CPU", "Timings:",
                "Wrote:");
        assertThat(stdout.toString()).contains("Input:      " + (all.contains("--input-tensor") ? "" : "2 × 3×224×224 from 2 image(s)"));
        return Npz.read(out);
    }

    private static void compare(String name, Map<String, NdArray> expected, Map<String, NdArray> actual,
            boolean body) {
        List<String> names = new ArrayList<>(List.of("input", "cam", "joints", "vertices_coarse", "vertices", "root",
                "vertices_centered", "joints_regressed", "joints2d", "vertices2d_coarse", "template", "attention",
                "attention_demo"));
        if (body) {
            names.add(4, "vertices_mid");
        }
        List<String> keys = new ArrayList<>(names);
        keys.add("attention_layers");
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertLastLayerIsTheAttention(actual.get("attention_layers"), actual.get("attention"));
        StringBuilder report = new StringBuilder(name + " infer vs expected (max abs):");
        for (String array : names) {
            NdArray e = expected.get(array);
            NdArray a = actual.get(array);
            assertThat(a.dtype()).as(array + " dtype").isEqualTo(io.metroscope.format.DType.FLOAT32);
            assertThat(a.shape()).as(array + " shape").isEqualTo(e.shape());
            float[] ev = e.toFloatArray();
            float[] av = a.toFloatArray();
            double max = 0;
            for (int i = 0; i < ev.length; i++) {
                max = Math.max(max, Math.abs(av[i] - ev[i]));
            }
            report.append(String.format(Locale.ROOT, " %s=%.2e", array, max));
            double bar = array.equals("template") || array.equals("input") ? TEMPLATE_BAR : BAR;
            assertThat(max).as(name + " " + array + " max abs error").isLessThanOrEqualTo(bar);
        }
        System.out.println(report);
    }

    /** Every layer of the last block is exported; its last one is the official fixtures' {@code attention}. */
    private static void assertLastLayerIsTheAttention(NdArray layers, NdArray attention) {
        int[] ls = layers.shape();
        int[] as = attention.shape();
        assertThat(ls).hasSize(as.length + 1);
        assertThat(ls[0]).isEqualTo(as[0]);
        assertThat(Arrays.copyOfRange(ls, 2, ls.length)).isEqualTo(Arrays.copyOfRange(as, 1, as.length));
        assertThat(ls[1]).as("layers in the last block").isGreaterThanOrEqualTo(1);
        float[] lv = layers.toFloatArray();
        float[] av = attention.toFloatArray();
        int each = av.length / as[0];
        for (int b = 0; b < as[0]; b++) {
            int from = (b * ls[1] + ls[1] - 1) * each;
            assertThat(Arrays.copyOfRange(lv, from, from + each))
                    .as("item " + b + " last layer").containsExactly(Arrays.copyOfRange(av, b * each, (b + 1) * each));
        }
    }
}
