package io.metroscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.DType;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchCheckpointWriter;
import io.metroscope.format.TorchTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Export → our reader → identical tensors, key order and model outputs, on both parity fixtures. */
class ModelExportTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"body-tiny", "hand-tiny"})
    void losslessExportReproducesTheOfficialCheckpoint(String name) throws Exception {
        ParityFixture f = ParityFixture.open(name, "metro_" + name + "_state_dict.bin", temp);
        StateDict source = TorchCheckpointReader.read(f.checkpoint);
        for (TorchCheckpointWriter.Layout layout : TorchCheckpointWriter.Layout.values()) {
            Path out = temp.resolve(name + "-" + layout + ".bin");
            ModelExport.Result result;
            // Export needs the original tensors: the inference build folds BatchNorm and fuses Q/K/V.
            try (MetroModel model = MetroModel.fromTensors(source.tensors(), f.floats("template"),
                    MetroLoadOptions.defaults().forTraining())) {
                result = ModelExport.write(model, out, ModelExport.Options.lossless(source).withLayout(layout));
            }
            assertThat(result.dropped()).isEmpty();
            assertThat(result.reincluded()).isNotEmpty().allMatch(IgnoredKeys::isIgnored)
                    .noneMatch(k -> k.endsWith(".num_batches_tracked"));
            StateDict back = TorchCheckpointReader.read(out);
            assertThat(back.format().name()).isEqualTo(layout.name());
            assertThat(back.keys()).as("official keys in official order").containsExactlyElementsOf(source.keys());
            assertThat(result.keys()).containsExactlyElementsOf(source.keys());
            for (String key : source.keys()) {
                TorchTensor a = source.tensor(key);
                TorchTensor b = back.tensor(key);
                assertThat(b.dtype()).as(key).isEqualTo(a.dtype());
                assertThat(b.shape()).as(key).isEqualTo(a.shape());
                assertThat(b.toNdArray().sameContent(a.toNdArray())).as(key).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"body-tiny", "hand-tiny"})
    void networkOnlyExportLoadsIntoTheSameModelWithIdenticalOutputs(String name) throws Exception {
        ParityFixture f = ParityFixture.open(name, "metro_" + name + "_state_dict.bin", temp);
        Path out = temp.resolve(name + "-network.bin");
        int batch = f.batch();
        float[] input = f.floats("input");
        List<MetroOutput> before;
        try (MetroModel model = MetroModel.load(f.checkpoint, f.floats("template"),
                MetroLoadOptions.defaults().forTraining())) {
            ModelExport.Result result = ModelExport.write(model, out, ModelExport.Options.networkOnly());
            assertThat(result.reincluded()).isEmpty();
            assertThat(result.dropped()).isEmpty(); // no source given
        }
        try (MetroModel model = MetroModel.load(f.checkpoint, f.floats("template"), MetroLoadOptions.defaults())) {
            before = model.predict(input, batch, 224, 224, true);
        }
        StateDict source = TorchCheckpointReader.read(f.checkpoint);
        StateDict back = TorchCheckpointReader.read(out);
        List<String> expectedKeys = new ArrayList<>(source.keys());
        expectedKeys.removeIf(k -> IgnoredKeys.isIgnored(k) && !k.endsWith(".num_batches_tracked"));
        assertThat(back.keys()).containsExactlyElementsOf(expectedKeys);
        for (String key : back.keys()) {
            TorchTensor t = back.tensor(key);
            assertThat(t.shape()).as(key).isEqualTo(source.tensor(key).shape());
            if (key.endsWith(".num_batches_tracked")) {
                assertThat(t.dtype()).isEqualTo(DType.INT64);
                assertThat(t.shape()).isEmpty();
                assertThat(t.toLongArray()).containsExactly(0L);
            } else {
                assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
                assertThat(Arrays.equals(t.toFloatArray(), source.tensor(key).toFloatArray())).as(key).isTrue();
            }
        }
        try (MetroModel again = MetroModel.load(out, f.floats("template"), MetroLoadOptions.defaults())) {
            assertThat(again.loadReport().missing()).isEmpty();
            assertThat(again.loadReport().unexpected()).isEmpty();
            List<MetroOutput> after = again.predict(input, batch, 224, 224, true);
            for (int i = 0; i < batch; i++) {
                assertThat(after.get(i).camera()).isEqualTo(before.get(i).camera());
                assertThat(after.get(i).joints()).isEqualTo(before.get(i).joints());
                assertThat(after.get(i).vertices()).isEqualTo(before.get(i).vertices());
                assertThat(after.get(i).attention()).isEqualTo(before.get(i).attention());
            }
        }
    }

    @Test
    void keepingIgnoredTensorsNeedsTheSource() {
        assertThatThrownBy(() -> new ModelExport.Options(null, true, TorchCheckpointWriter.Layout.ZIP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
    }
}
