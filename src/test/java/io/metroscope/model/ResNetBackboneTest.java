package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * torchvision-layout ResNet trunk against PyTorch 1.13 on a tiny random network (see make_resnet_tiny.py):
 * key layout {@code backbone.0 … backbone.7}, stride on the 3×3 conv, max-pool, featmaps and pooled outputs.
 */
class ResNetBackboneTest {

    private static final Path RESOURCES = Path.of("src/test/resources/io/metroscope/model");

    @Test
    void tinyResNetMatchesPyTorch() throws Exception {
        StateDict dict = TorchCheckpointReader.read(RESOURCES.resolve("resnet_tiny.pt"));
        Map<String, NdArray> expected = Npz.read(RESOURCES.resolve("resnet_tiny.npz"));
        Map<String, int[]> shapes = new LinkedHashMap<>();
        dict.tensors().forEach((k, t) -> shapes.put(k, t.shape()));

        for (boolean pooled : new boolean[] {false, true}) {
            ResNetSpec spec = (ResNetSpec) ArchitectureInference.backbone(shapes, pooled);
            assertThat(spec).isEqualTo(new ResNetSpec(8, ResidualBlockType.BOTTLENECK, new int[] {1, 2, 1, 1},
                    new int[] {4, 8, 16, 32}, pooled));
            assertThat(spec.featureDim()).isEqualTo(128);
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                WeightBinder w = WeightBinder.loading(dict.tensors(), manager);
                ResNetBackbone backbone = new ResNetBackbone(w, spec);
                assertThat(w.report().unexpected()).isEmpty();
                assertThat(w.report().missing()).isEmpty();
                assertThat(w.report().ignored()).allMatch(k -> k.endsWith("num_batches_tracked"));
                NdArray input = expected.get("input");
                NDArray x = manager.create(input.toFloatArray(), new Shape(2, 3, 64, 64));
                float[] actual = backbone.forward(x).toFloatArray();
                float[] reference = expected.get(pooled ? "pooled" : "featmaps").toFloatArray();
                assertThat(actual).hasSize(reference.length);
                double err = ParityCheck.maxAbs(actual, reference, 0);
                System.out.println("resnet tiny " + (pooled ? "pooled" : "featmaps") + " max abs error " + err);
                assertThat(err).isLessThan(1e-5);
            }
        }
    }
}
