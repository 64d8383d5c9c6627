package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.vision.RgbImage;

class TrainingFolderTest {

    @TempDir
    Path dir;

    private static Map<String, Object> write(Path out, OpenTemplate t, int workers) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("templates", t.template().kind().id() + ".npz"));
        SynthConfig config = new SynthConfig(t, 96, 0.4, Backgrounds.procedural(), List.of(), 42);
        return TrainingFolderWriter.write(out, config, bytes, "test.npz", 6, workers, Map.of(), null);
    }

    private static Map<String, byte[]> files(Path root) throws Exception {
        Map<String, byte[]> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                all.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return all;
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheWorkers() throws Exception {
        OpenTemplate t = SynthesizerTest.template(TemplateKind.BODY);
        write(dir.resolve("a"), t, 1);
        write(dir.resolve("b"), t, 3);
        Map<String, byte[]> a = files(dir.resolve("a"));
        Map<String, byte[]> b = files(dir.resolve("b"));
        assertThat(a.keySet()).containsExactlyElementsOf(b.keySet()).hasSize(6 + 6 + 2)
                .contains("dataset.json", "template.npz", "images/000005.png", "labels/000000.npz");
        for (String name : a.keySet()) {
            assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
        }
    }

    @Test
    void readsBackWhatWasWritten() throws Exception {
        for (TemplateKind kind : TemplateKind.values()) {
            OpenTemplate t = SynthesizerTest.template(kind);
            Path out = dir.resolve(kind.id());
            write(out, t, 2);
            TrainingFolder folder = TrainingFolder.open(out);
            assertThat(folder.size()).isEqualTo(6);
            assertThat(folder.kind()).isEqualTo(kind);
            assertThat(folder.imageSize()).isEqualTo(96);
            assertThat(folder.jointNames()).isEqualTo(t.template().tokenJointNames());
            assertThat(folder.manifest().path("template").path("sha256").asText())
                    .isEqualTo(TrainingManifest.sha256(Files.readAllBytes(folder.templateFile())));
            assertThat(folder.manifest().path("generator").path("seed").asLong()).isEqualTo(42);
            assertThat(folder.manifest().path("vertices").path("full").asInt()).isEqualTo(t.template().fullVertexCount());
            Synthesizer s = new Synthesizer(new SynthConfig(t, 96, 0.4, Backgrounds.procedural(), List.of(), 42));
            for (int i = 0; i < folder.size(); i++) {
                Synthesized expected = s.generate(i);
                TrainingItem item = folder.item(i);
                TrainingItem want = expected.labels();
                assertThat(item).isEqualTo(new TrainingItem(i, folder.imageFile(i), 96, want.joints3d(),
                        want.joints2d(), want.joints2dPixels(), want.verticesFull(), want.verticesMid(),
                        want.verticesCoarse(), want.root(), want.camera(), want.pose(), want.betas(),
                        want.occluderMask(), true, true, true));
                RgbImage image = folder.image(i);
                assertThat(image.width()).isEqualTo(96);
                assertThat(image.rgb()).isEqualTo(expected.rgb());
            }
        }
    }

    @Test
    void npzBytesInMemoryMatchTheWrittenFile() throws Exception {
        Map<String, io.metroscope.format.NdArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("a", io.metroscope.format.NdArray.ofFloats(new float[] {1, 2, 3}, 3));
        arrays.put("b", TrainingFolderWriter.packBits(new byte[] {1, 0, 0, 1, 0, 0, 0, 0, 0}, 3));
        io.metroscope.format.Npz.write(dir.resolve("x.npz"), arrays, false);
        assertThat(io.metroscope.format.Npz.toBytes(arrays, false)).isEqualTo(Files.readAllBytes(dir.resolve("x.npz")));
        assertThat(TrainingFolderWriter.unpackBits(arrays.get("b"), 3)).containsExactly(1, 0, 0, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void anUnfinishedFolderIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("labels"));
        assertThatThrownBy(() -> TrainingFolder.open(dir)).isInstanceOf(FormatException.class)
                .hasMessageContaining("dataset.json");
        Files.writeString(dir.resolve("dataset.json"), "{\"format\": \"something-else\"}");
        assertThatThrownBy(() -> TrainingFolder.open(dir)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a Metroscope training folder");
    }
}
