package io.metroscope.model;

import io.metroscope.format.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with the official METRO code on the shared tiny fixtures: from the recorded backbone output (tight
 * tolerances) and end to end from the recorded input tensor (case tolerances, and never above 1e-4).
 */
class MetroParityTest {

    private static final double END_TO_END_CAP = 1e-4;

    @TempDir
    Path temp;

    @Test
    void bodyMatchesOfficialCode() throws Exception {
        verify(ParityFixture.open("body-tiny", "metro_body-tiny_state_dict.bin", temp), true);
    }

    @Test
    void handMatchesOfficialCode() throws Exception {
        verify(ParityFixture.open("hand-tiny", "metro_hand-tiny_state_dict.bin", temp), false);
    }

    private void verify(ParityFixture f, boolean body) throws FormatException {
        long start = System.nanoTime();
        try (MetroModel model = MetroModel.load(f.checkpoint, f.floats("template"), MetroLoadOptions.defaults())) {
            long loaded = System.nanoTime();
            int parameterArrays = model.managedArrayCount();
            // Every bound tensor + the template, less what load-time folding merged: each conv(+bias)+BN becomes
            // one weight and one bias, each layer's query/key/value one fused weight and bias.
            long batchNorms = model.keyTable().keySet().stream().filter(k -> k.endsWith(".bn.var")).count();
            long convBiases = model.keyTable().keySet().stream().filter(k -> k.endsWith(".conv.bias")).count();
            long attentionLayers = model.keyTable().keySet().stream().filter(k -> k.endsWith(".query.weight")).count();
            assertThat((long) parameterArrays).isEqualTo(model.keyTable().size() + 1 - 3 * batchNorms - convBiases
                    - 4 * attentionLayers);
            assertThat(model.architecture().kind()).isEqualTo(body ? MeshKind.BODY : MeshKind.HAND);
            assertThat(model.loadReport().missing()).isEmpty();
            assertThat(model.loadReport().unexpected()).isEmpty();
            int batch = f.batch();

            List<MetroOutput> fromBackbone = model.predictFromBackbone(f.floats("backbone_out"), batch, true);
            long afterHead = System.nanoTime();
            StringBuilder report = new StringBuilder(f.name + " load " + ms(start, loaded) + " ms, head(B=" + batch
                    + ") " + ms(loaded, afterHead) + " ms\n  from backbone_out:");
            for (Map.Entry<String, Function<MetroOutput, float[]>> e : ParityCheck.fields(body).entrySet()) {
                double err = ParityCheck.check(f, fromBackbone, e.getKey(), e.getValue(), f.tolerance(e.getKey(), true));
                report.append(String.format(" %s=%.3g", e.getKey(), err));
            }

            float[] input = f.floats("input");
            long e2eStart = System.nanoTime();
            float[] features = model.backboneFeatures(input, batch, 224, 224);
            long afterBackbone = System.nanoTime();
            List<MetroOutput> endToEnd = model.predict(input, batch, 224, 224, true);
            long e2eEnd = System.nanoTime();
            double backboneErr = ParityCheck.maxAbs(features, f.floats("backbone_out"), 0);
            assertThat(backboneErr).as("backbone_out").isLessThanOrEqualTo(f.tolerance("backbone_out", false));
            report.append(String.format("%n  end to end (backbone %d ms, full %d ms): backbone_out=%.3g",
                    ms(e2eStart, afterBackbone), ms(afterBackbone, e2eEnd), backboneErr));
            for (Map.Entry<String, Function<MetroOutput, float[]>> e : ParityCheck.fields(body).entrySet()) {
                double tolerance = Math.min(f.tolerance(e.getKey(), false), END_TO_END_CAP);
                double err = ParityCheck.check(f, endToEnd, e.getKey(), e.getValue(), tolerance);
                report.append(String.format(" %s=%.3g", e.getKey(), err));
            }
            assertThat(endToEnd.get(0).attentionHeads()).isEqualTo(f.expected.get("attention").dim(1));
            checkEveryLayer(endToEnd.get(0), model.architecture().blocks().get(model.architecture().blocks().size() - 1)
                    .layers());
            List<MetroOutput> withoutAttention = model.predictFromBackbone(f.floats("backbone_out"), batch, false);
            assertThat(withoutAttention.get(0).hasAttention()).isFalse();
            assertThat(withoutAttention.get(0).vertices()).isEqualTo(fromBackbone.get(0).vertices());
            assertThat(model.managedArrayCount()).as("arrays left on the parameter manager after forwards")
                    .isEqualTo(parameterArrays);
            System.out.println(report);
        }
    }

    /**
     * Every layer of the last block comes back, the last one being what the official code returns; each is a
     * softmax (rows sum to 1) and the layers differ.
     */
    private static void checkEveryLayer(MetroOutput out, int layers) {
        assertThat(out.attentionLayers()).isEqualTo(layers);
        int n = out.tokenCount();
        assertThat(out.attentionAllLayers()).hasSize(layers * out.attentionHeads() * n * n);
        assertThat(out.attentionOfLayer(layers - 1)).isEqualTo(out.attention());
        for (int l = 0; l < layers; l++) {
            float[] a = out.attentionOfLayer(l);
            for (int row = 0; row < a.length / n; row += 97) {
                double sum = 0;
                for (int c = 0; c < n; c++) {
                    sum += a[row * n + c];
                }
                assertThat(sum).as("layer %d row %d sums to 1", l, row).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
            }
            if (l > 0) {
                assertThat(a).isNotEqualTo(out.attentionOfLayer(l - 1));
            }
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
