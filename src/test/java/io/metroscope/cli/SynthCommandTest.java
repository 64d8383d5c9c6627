package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.body.TemplateKind;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.train.TrainingFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = MetroscopeCommand.newCommandLine(new ComputeDeviceService());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void writesATinyHandDataset() throws Exception {
        Path target = dir.resolve("hands");
        assertThat(run("synth", "--template", "hand", "--count", "3", "--seed", "9", "--size", "64",
                "--out", target.toString(), "--workers", "2", "--device", "cpu")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Wrote 3 hand items");
        TrainingFolder folder = TrainingFolder.open(target);
        assertThat(folder.size()).isEqualTo(3);
        assertThat(folder.kind()).isEqualTo(TemplateKind.HAND);
        assertThat(folder.item(2).jointCount()).isEqualTo(21);
        assertThat(Files.exists(target.resolve("images/000002.png"))).isTrue();
        assertThat(folder.manifest().path("template").path("source").asText()).isEqualTo("hand.npz");
    }

    @Test
    void readsPosesFromAFileAndRejectsBadArguments() throws Exception {
        Path poses = dir.resolve("poses.json");
        StringBuilder sb = new StringBuilder("{\"pose\": [");
        for (int i = 0; i < 72; i++) {
            sb.append(i == 0 ? "" : ",").append(i == 50 ? "1.2" : "0");
        }
        Files.writeString(poses, sb.append("]}"));
        Path target = dir.resolve("bodies");
        assertThat(run("synth", "--template", "body", "--count", "2", "--size", "64", "--occluders", "0",
                "--poses", poses.toString(), "--out", target.toString())).as(err.toString()).isZero();
        TrainingFolder folder = TrainingFolder.open(target);
        assertThat(folder.item(1).pose()[50]).isEqualTo(1.2f);
        assertThat(folder.manifest().path("generator").path("poses_file").asText()).isEqualTo("poses.json");

        assertThat(run("synth", "--template", "tail", "--count", "1", "--out", dir.resolve("x").toString()))
                .isNotZero();
        assertThat(run("synth", "--template", "hand", "--count", "1", "--occluders", "2",
                "--out", dir.resolve("y").toString())).isNotZero();
        assertThat(run("synth", "--template", "hand", "--count", "0", "--out", dir.resolve("z").toString()))
                .isEqualTo(2);
        assertThat(dir.resolve("z")).doesNotExist();
        assertThat(run("synth", "--template", "hand", "--count", "1", "--size", "8", "--out",
                dir.resolve("w").toString())).isEqualTo(2);
    }
}
