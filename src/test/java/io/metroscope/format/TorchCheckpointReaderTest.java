package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorchCheckpointReaderTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"tensors_zip.pt", "tensors_legacy.pt"})
    void readsEveryDtypeViewAndOffsetLikeTorch(String fixture) throws IOException {
        StateDict sd = TorchCheckpointReader.read(Fixtures.resource(fixture));

        assertThat(sd.format()).isEqualTo(fixture.contains("zip") ? StateDict.Format.ZIP : StateDict.Format.LEGACY);
        List<String> keys = new ArrayList<>();
        Fixtures.expected().get("torch_keys").forEach(k -> keys.add(k.asText()));
        assertThat(sd.keys()).containsExactlyElementsOf(keys);
        assertThat(sd.strippedPrefix()).isEmpty();
        assertThat(sd.unwrappedFrom()).isEmpty();

        for (Iterator<Map.Entry<String, JsonNode>> it = Fixtures.expected().get("torch").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode want = e.getValue();
            TorchTensor t = sd.tensor(e.getKey());
            assertThat(t.dtype()).as(e.getKey()).isEqualTo(torchDType(want.get("dtype").asText()));
            assertThat(t.shape()).as(e.getKey()).containsExactly(ints(want.get("shape")));
            assertThat(t.strides()).as(e.getKey()).containsExactly(longs(want.get("stride")));
            assertThat(t.storageOffset()).as(e.getKey()).isEqualTo(want.get("offset").asLong());
            double[] values = t.toDoubleArray();
            long[] asLongs = t.toLongArray();
            float[] asFloats = t.toFloatArray();
            JsonNode wantValues = want.get("values");
            assertThat(values).as(e.getKey()).hasSize(wantValues.size());
            for (int i = 0; i < values.length; i++) {
                if (t.dtype().isFloatingPoint()) {
                    assertThat(values[i]).as(e.getKey() + "[" + i + "]").isEqualTo(wantValues.get(i).asDouble());
                    assertThat(asFloats[i]).isEqualTo((float) wantValues.get(i).asDouble());
                } else {
                    assertThat(asLongs[i]).as(e.getKey() + "[" + i + "]").isEqualTo(wantValues.get(i).asLong());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tensors_zip.pt", "tensors_legacy.pt"})
    void viewsShareOneStorage(String fixture) throws IOException {
        StateDict sd = TorchCheckpointReader.read(Fixtures.resource(fixture));
        TensorStorage base = sd.tensor("view.base").storage();
        assertThat(sd.tensor("view.transposed").storage()).isSameAs(base);
        assertThat(sd.tensor("view.tail").storage()).isSameAs(base);
        assertThat(sd.tensor("view.every_other").storage()).isSameAs(base);
        assertThat(sd.tensor("view.transposed").isContiguous()).isFalse();
        assertThat(sd.tensor("view.tail").isContiguous()).isTrue();
        assertThat(sd.tensor("view.tail").toNdArray().toFloatArray())
                .containsExactly(6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23);
    }

    @Test
    void bothFormatsGiveTheSameTensors() throws IOException {
        StateDict zip = TorchCheckpointReader.read(Fixtures.resource("tensors_zip.pt"));
        StateDict legacy = TorchCheckpointReader.read(Fixtures.resource("tensors_legacy.pt"));
        for (String key : zip.keys()) {
            assertThat(legacy.tensor(key).toNdArray().sameContent(zip.tensor(key).toNdArray())).as(key).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrapped_module_zip.pt", "wrapped_module_legacy.pt"})
    void unwrapsTrainingCheckpointsAndStripsDataParallelPrefix(String fixture) throws IOException {
        StateDict sd = TorchCheckpointReader.read(Fixtures.resource(fixture));
        assertThat(sd.keys()).containsExactly("layer.weight", "layer.bias");
        assertThat(sd.strippedPrefix()).isEqualTo("module.");
        assertThat(sd.unwrappedFrom()).isEqualTo(fixture.contains("zip") ? "state_dict" : "model");
        assertThat(sd.tensor("layer.weight").toFloatArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void readsGzippedCheckpoints() throws IOException {
        Path gz = temp.resolve("tensors_zip.pt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(Fixtures.resource("tensors_zip.pt"), out);
        }
        StateDict sd = TorchCheckpointReader.read(gz);
        assertThat(sd.source()).isEqualTo(gz);
        assertThat(sd.tensor("zeta.f32").toFloatArray()).containsExactly(1.5f, -2.25f, 3f, 4f, 0.125f, -6.5f);
    }

    private static DType torchDType(String name) {
        switch (name) {
            case "float32": return DType.FLOAT32;
            case "float16": return DType.FLOAT16;
            case "bfloat16": return DType.BFLOAT16;
            case "float64": return DType.FLOAT64;
            case "int64": return DType.INT64;
            case "int32": return DType.INT32;
            case "int16": return DType.INT16;
            case "int8": return DType.INT8;
            case "uint8": return DType.UINT8;
            case "bool": return DType.BOOL;
            default: throw new IllegalArgumentException(name);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
