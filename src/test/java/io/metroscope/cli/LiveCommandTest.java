package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.recon.FixtureFiles;
import io.metroscope.vision.LiveTestVideos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code metroscope live}: headless run over a video, and clear errors for bad sources. */
class LiveCommandTest {

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

    private String[] args(String source, String... extra) throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        List<String> a = new java.util.ArrayList<>(List.of("live", source, "--checkpoint", checkpoint.toString(),
                "--mano", FixtureFiles.file(FixtureFiles.HAND, "template.npz").toString(), "--metro-data",
                FixtureFiles.metroData().toString(), "--device", "cpu"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void runsAVideoAndWritesACsv() throws Exception {
        Path mp4 = LiveTestVideos.h264Mp4(temp.resolve("clip.mp4"), 160, 120, 8, 25);
        Path csv = temp.resolve("live.csv");
        int code = run(args(mp4.toString(), "--every-frame", "--csv", csv.toString()));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("8 read, 8 processed, 0 dropped").contains("END_OF_STREAM");
        assertThat(Files.readAllLines(csv)).hasSize(9);
    }

    /** The bundled body demo, named as a bundle, each frame also run mirrored; a hand model refuses it. */
    @Test
    void flipAveragingRunsEveryFrameTwiceOverForABodyModel() throws Exception {
        Path mp4 = LiveTestVideos.h264Mp4(temp.resolve("clip.mp4"), 160, 120, 4, 25);
        Path demo = Path.of("assets", "models", "body-demo");
        int code = run("live", mp4.toString(), "--bundle", demo.toString(), "--device", "cpu", "--every-frame",
                "--flip-average");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("4 read, 4 processed, 0 dropped");

        int hand = run(args(mp4.toString(), "--flip-average"));
        assertThat(hand).isNotZero();
        assertThat(err.toString()).contains("body models only");
    }

    @Test
    void missingVideoIsABadInput() throws Exception {
        int code = run(args(temp.resolve("none.mp4").toString()));
        assertThat(code).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("none.mp4").contains("no such file");
    }

    @Test
    void theModelIsABundleOrACheckpointWithATemplateNeverBothNorNeither() throws Exception {
        Path mp4 = LiveTestVideos.h264Mp4(temp.resolve("clip.mp4"), 160, 120, 2, 25);
        assertThat(run("live", mp4.toString(), "--device", "cpu")).isEqualTo(2);
        assertThat(err.toString()).contains("give --bundle B.metro.json, or --checkpoint CKPT");

        err.getBuffer().setLength(0);
        List<String> both = new java.util.ArrayList<>(List.of(args(mp4.toString())));
        both.addAll(List.of("--bundle", "assets/models/body-demo"));
        assertThat(run(both.toArray(String[]::new))).isEqualTo(2);
        assertThat(err.toString()).contains("give either --bundle or --checkpoint");

        err.getBuffer().setLength(0);
        assertThat(run("live", mp4.toString(), "--bundle", "assets/models/body-demo", "--heads", "2", "--device",
                "cpu")).isEqualTo(2);
        assertThat(err.toString()).contains("--heads 2 contradicts the bundle, which records 4 heads");
    }
}
