package io.metroscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchTensor;
import io.metroscope.model.BlockSpec;
import io.metroscope.model.HrNetSpec;
import io.metroscope.model.HrNetStage;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import io.metroscope.model.MetroOutput;
import io.metroscope.model.OfficialArchitectures;
import io.metroscope.model.ResidualBlockType;
import io.metroscope.model.TokenLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random full-state_dict checkpoints load strictly and run; the benchmark's statistics. */
class RandomMetroWeightsTest {

    @TempDir
    Path temp;

    /** An HRNet-shaped body network small enough for a unit test (same code paths as the full size). */
    static MetroArchitecture tinyBody() {
        HrNetSpec hr = new HrNetSpec(8, List.of(
                new HrNetStage(1, ResidualBlockType.BOTTLENECK, new int[] {1}, new int[] {8}),
                new HrNetStage(1, ResidualBlockType.BASIC, new int[] {1, 1}, new int[] {4, 8}),
                new HrNetStage(1, ResidualBlockType.BASIC, new int[] {1, 1, 1}, new int[] {4, 8, 16}),
                new HrNetStage(1, ResidualBlockType.BASIC, new int[] {1, 1, 1, 1}, new int[] {4, 8, 16, 32})),
                new int[] {2, 4, 4, 8}, 16, false);
        return new MetroArchitecture(MeshKind.BODY, hr, List.of(new BlockSpec(19, 16, 8, 1, 2, 32, 12),
                new BlockSpec(8, 8, 3, 1, 2, 16, 12)), new TokenLayout(2, 6, 12, 24, 5));
    }

    @Test
    void completeRandomCheckpointLoadsStrictlyAndRuns() throws Exception {
        MetroArchitecture arch = tinyBody();
        Path file = temp.resolve("tiny.bin");
        RandomMetroWeights.writeCheckpoint(file, arch, 3);

        StateDict dict = TorchCheckpointReader.read(file);
        assertThat(dict.keys()).containsExactlyElementsOf(OfficialArchitectures.stateDictShapes(arch).keySet());
        Map<String, TorchTensor> inMemory = RandomMetroWeights.tensors(arch, 3, true);
        for (String key : List.of("backbone.conv1.weight", "backbone.bn1.running_var",
                "trans_encoder.0.bert.encoder.layer.0.attention.self.query.weight", "upsampling2.bias")) {
            assertThat(dict.tensors().get(key).toFloatArray()).as(key).containsExactly(inMemory.get(key).toFloatArray());
        }
        for (float v : dict.tensors().get("backbone.bn1.running_var").toFloatArray()) {
            assertThat(v).isBetween(0.5f, 1.5f);
        }

        try (MetroModel model = MetroModel.load(file, RandomMetroWeights.template(arch, 3),
                MetroLoadOptions.defaults().withHeads(2))) {
            assertThat(model.architecture()).isEqualTo(arch.withHeads(2));
            assertThat(model.loadReport().complete()).isTrue();
            assertThat(model.loadReport().unexpected()).isEmpty();
            float[] images = new float[2 * 3 * 224 * 224];
            java.util.Arrays.fill(images, 0.25f);
            List<String> stages = new java.util.ArrayList<>();
            List<MetroOutput> out = model.predict(images, 2, 224, 224, false, stages::add);
            assertThat(stages).containsExactly("backbone", "transformer", "heads", "output");
            assertThat(out).hasSize(2);
            for (float v : out.get(1).vertices()) {
                assertThat(Float.isFinite(v)).isTrue();
            }
            assertThat(out.get(0).vertices()).hasSize(24 * 3);
        }
    }

    @Test
    void percentilesInterpolate() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(ModelBenchmark.percentile(sorted, 50)).isEqualTo(3);
        assertThat(ModelBenchmark.percentile(sorted, 90)).isEqualTo(4.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ModelBenchmark.Stat.of("x", new double[] {5, 1, 3}).median()).isEqualTo(3);
    }

    @Test
    void syntheticTemplateFitsTheFullSizeHeads() {
        for (MetroArchitecture arch : List.of(OfficialArchitectures.body(), OfficialArchitectures.hand())) {
            var template = ModelBenchmark.syntheticTemplate(arch, 1);
            assertThat(template.tokenCount()).isEqualTo(arch.tokens().tokens());
            assertThat(new io.metroscope.recon.PostProcessor(template).vertexCount())
                    .isEqualTo(arch.tokens().fullVertices());
        }
    }
}
