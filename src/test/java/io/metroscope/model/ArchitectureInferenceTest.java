package io.metroscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Architecture read off checkpoints: the tiny fixtures (against case.json) and the full-size key tables. */
class ArchitectureInferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"body-tiny", "hand-tiny"})
    void fixtureArchitectureMatchesCaseJson(String name) throws Exception {
        Path dir = ParityFixture.caseDir(name);
        String model = name.substring(0, name.indexOf('-'));
        StateDict dict = TorchCheckpointReader.read(dir.resolve("metro_" + name + "_state_dict.bin.gz"));
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("case.json").toFile());

        MetroArchitecture arch = MetroModel.inferArchitecture(dict.tensors(), 4);

        assertThat(arch.kind()).isEqualTo(model.equals("body") ? MeshKind.BODY : MeshKind.HAND);
        JsonNode t = json.get("transformer");
        List<BlockSpec> blocks = arch.blocks();
        assertThat(blocks).hasSize(t.get("input_feat_dim").size());
        for (int b = 0; b < blocks.size(); b++) {
            BlockSpec s = blocks.get(b);
            assertThat(s.inputDim()).isEqualTo(t.get("input_feat_dim").get(b).asInt());
            assertThat(s.hiddenDim()).isEqualTo(t.get("hidden_feat_dim").get(b).asInt());
            assertThat(s.outputDim()).isEqualTo(t.get("output_feat_dim").get(b).asInt());
            assertThat(s.intermediateDim()).isEqualTo(t.get("intermediate_size").get(b).asInt());
            assertThat(s.layers()).isEqualTo(t.get("num_hidden_layers").asInt());
            assertThat(s.positionRows()).isEqualTo(t.get("max_position_embeddings").asInt());
        }
        JsonNode tokens = json.get("tokens");
        assertThat(arch.tokens().joints()).isEqualTo(tokens.get("joints").asInt());
        assertThat(arch.tokens().coarseVertices()).isEqualTo(tokens.get("coarse_vertices").asInt());
        assertThat(arch.tokens().tokens()).isEqualTo(tokens.get("N").asInt());
        assertThat(arch.tokens().fullVertices()).isEqualTo(tokens.get("full_vertices").asInt());

        JsonNode backbone = json.get("backbone");
        HrNetSpec hr = (HrNetSpec) arch.backbone();
        assertThat(hr.pooled()).isEqualTo(model.equals("hand"));
        assertThat(hr.stemChannels()).isEqualTo(backbone.get("stem_channels").asInt());
        assertThat(hr.featureDim()).isEqualTo(backbone.get("head_out").asInt());
        assertThat(hr.headChannels()).containsExactly(ints(backbone.get("head_channels")));
        for (int k = 0; k < 4; k++) {
            JsonNode cfg = backbone.get("hrnet_extra").get("STAGE" + (k + 1));
            HrNetStage stage = hr.stages().get(k);
            assertThat(stage.modules()).as("stage %d modules", k + 1).isEqualTo(cfg.get("NUM_MODULES").asInt());
            assertThat(stage.block()).isEqualTo(ResidualBlockType.fromConfig(cfg.get("BLOCK").asText()));
            assertThat(stage.blocksPerBranch()).containsExactly(ints(cfg.get("NUM_BLOCKS")));
            assertThat(stage.channels()).containsExactly(ints(cfg.get("NUM_CHANNELS")));
        }
    }

    @Test
    void fullSizeBodyKeysGiveHrNetW64AndLegacyFfn() throws IOException {
        Map<String, int[]> shapes = readKeyTable("metro-body-keys.tsv");
        MetroArchitecture arch = ArchitectureInference.infer(shapes, 4);

        assertThat(arch.kind()).isEqualTo(MeshKind.BODY);
        assertW64((HrNetSpec) arch.backbone(), false);
        assertThat(arch.blocks()).extracting(BlockSpec::inputDim, BlockSpec::hiddenDim, BlockSpec::outputDim,
                BlockSpec::layers, BlockSpec::heads, BlockSpec::intermediateDim).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2051, 1024, 512, 4, 4, 3072),
                        org.assertj.core.groups.Tuple.tuple(512, 256, 128, 4, 4, 3072),
                        org.assertj.core.groups.Tuple.tuple(128, 128, 3, 4, 4, 3072));
        assertThat(arch.tokens()).isEqualTo(new TokenLayout(14, 431, 1723, 6890, 250));
        assertBindsAllButIgnored(arch, shapes, 46_882_408L);
    }

    @Test
    void fullSizeHandKeysGiveHrNetW64PooledAndFourTimesHiddenFfn() throws IOException {
        Map<String, int[]> shapes = readKeyTable("metro-hand-keys.tsv");
        MetroArchitecture arch = ArchitectureInference.infer(shapes, 4);

        assertThat(arch.kind()).isEqualTo(MeshKind.HAND);
        assertW64((HrNetSpec) arch.backbone(), true);
        assertThat(arch.blocks()).extracting(BlockSpec::hiddenDim, BlockSpec::outputDim, BlockSpec::intermediateDim)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1024, 512, 4096),
                        org.assertj.core.groups.Tuple.tuple(256, 128, 1024),
                        org.assertj.core.groups.Tuple.tuple(64, 3, 256));
        assertThat(arch.tokens()).isEqualTo(new TokenLayout(21, 195, 0, 778, 150));
        assertBindsAllButIgnored(arch, shapes, 44_883_624L);
    }

    @Test
    void headsAreOverridable() throws IOException {
        MetroArchitecture arch = ArchitectureInference.infer(readKeyTable("metro-hand-keys.tsv"), 8);
        assertThat(arch.blocks()).allSatisfy(b -> assertThat(b.heads()).isEqualTo(8));
        assertThat(arch.withHeads(2).blocks().get(2).headDim()).isEqualTo(32);
    }

    @Test
    void wrongShapeIsRefusedNamingTheKey() throws IOException {
        Map<String, int[]> shapes = readKeyTable("metro-body-keys.tsv");
        MetroArchitecture arch = ArchitectureInference.infer(shapes, 4);
        shapes.put("trans_encoder.1.bert.encoder.layer.2.output.dense.weight", new int[] {256, 3071});

        assertThatThrownBy(() -> MetroModel.bindKeys(arch, shapes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trans_encoder.1.bert.encoder.layer.2.output.dense.weight")
                .hasMessageContaining("[256, 3071]").hasMessageContaining("[256, 3072]");
    }

    @Test
    void missingTensorsAreReported() throws IOException {
        Map<String, int[]> shapes = readKeyTable("metro-hand-keys.tsv");
        MetroArchitecture arch = ArchitectureInference.infer(shapes, 4);
        shapes.remove("upsampling.bias");
        shapes.put("something.else", new int[] {1});

        LoadReport report = MetroModel.bindKeys(arch, shapes).report();

        assertThat(report.missing()).containsExactly("upsampling.bias");
        assertThat(report.unexpected()).containsExactly("something.else");
        assertThat(report.summary()).contains("1 missing [upsampling.bias]");
    }

    private static void assertBindsAllButIgnored(MetroArchitecture arch, Map<String, int[]> shapes,
            long unusedParameters) {
        MetroModel.KeyBinding binding = MetroModel.bindKeys(arch, shapes);
        LoadReport report = binding.report();
        assertThat(report.missing()).isEmpty();
        assertThat(report.unexpected()).isEmpty();
        assertThat(report.loaded().size() + report.ignored().size()).isEqualTo(shapes.size());
        assertThat(binding.table().values()).containsExactlyInAnyOrderElementsOf(report.loaded());
        assertThat(report.ignored()).allSatisfy(k -> assertThat(k).matches(
                "trans_encoder\\.\\d\\.bert\\.(embeddings|pooler)\\..*|backbone\\.classifier\\..*|.*num_batches_tracked"));
        long ignoredElements = report.ignored().stream().filter(k -> !k.endsWith("num_batches_tracked"))
                .mapToLong(k -> Arrays.stream(shapes.get(k)).asLongStream().reduce(1, (a, b) -> a * b)).sum();
        // METRO.md §1.1: parameters the forward never reads (BERT embeddings + poolers + HRNet classifier).
        assertThat(ignoredElements).isEqualTo(unusedParameters);
    }

    private static void assertW64(HrNetSpec hr, boolean pooled) {
        assertThat(hr.pooled()).isEqualTo(pooled);
        assertThat(hr.stemChannels()).isEqualTo(64);
        assertThat(hr.stages()).containsExactly(
                new HrNetStage(1, ResidualBlockType.BOTTLENECK, new int[] {4}, new int[] {64}),
                new HrNetStage(1, ResidualBlockType.BASIC, new int[] {4, 4}, new int[] {64, 128}),
                new HrNetStage(4, ResidualBlockType.BASIC, new int[] {4, 4, 4}, new int[] {64, 128, 256}),
                new HrNetStage(3, ResidualBlockType.BASIC, new int[] {4, 4, 4, 4}, new int[] {64, 128, 256, 512}));
        assertThat(hr.headChannels()).containsExactly(32, 64, 128, 256);
        assertThat(hr.featureDim()).isEqualTo(2048);
    }

    /** Parses {@code key<TAB>(d0, d1, …)<TAB>dtype} lines. */
    static Map<String, int[]> readKeyTable(String file) throws IOException {
        Path path = ParityFixture.shared().resolve("docs").resolve(file);
        assumeTrue(Files.isRegularFile(path), "key table " + path + " not available");
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(path)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t");
            String dims = cols[1].replaceAll("[()\\s]", "");
            shapes.put(cols[0], dims.isEmpty() ? new int[0]
                    : Arrays.stream(dims.split(",")).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray());
        }
        return shapes;
    }

    private static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }
}
