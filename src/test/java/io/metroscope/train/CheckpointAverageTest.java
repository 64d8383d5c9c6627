package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchCheckpointWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointAverageTest {

    @TempDir
    Path temp;

    @Test
    void weightedMeanOfEveryFloatTensorAndCountersFromTheLast() throws Exception {
        Path a = checkpoint("a.pt", new float[] {1, 2}, 0.5f, 10);
        Path b = checkpoint("b.pt", new float[] {3, 4}, 1.5f, 20);
        Path c = checkpoint("c.pt", new float[] {5, 9}, -2f, 30);
        Path out = temp.resolve("avg.pt");

        CheckpointAverage.Result r = CheckpointAverage.write(List.of(a, b, c), new double[] {1, 1, 2}, out);

        assertThat(r.weights()).containsExactly(0.25, 0.25, 0.5);
        assertThat(r.averaged()).isEqualTo(2);
        assertThat(r.keptFromLast()).containsExactly("bn.num_batches_tracked");
        StateDict avg = TorchCheckpointReader.read(out);
        assertThat(avg.keys()).containsExactly("layer.weight", "bn.running_mean", "bn.num_batches_tracked");
        // (1 + 3 + 2*5) / 4 and (2 + 4 + 2*9) / 4
        assertThat(avg.tensor("layer.weight").toFloatArray()).containsExactly(3.5f, 6f);
        assertThat(avg.tensor("layer.weight").shape()).containsExactly(2);
        // (0.5 + 1.5 + 2*(-2)) / 4; the half input comes back as float32
        assertThat(avg.tensor("bn.running_mean").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(avg.tensor("bn.running_mean").toFloatArray()).containsExactly(-0.5f);
        assertThat(avg.tensor("bn.num_batches_tracked").toLongArray()).containsExactly(30L);
    }

    @Test
    void equalWeightsByDefaultAndAnAverageOfOneNetworkWithItselfIsExact() throws Exception {
        float[] odd = {0.1f, -3.3e-7f, 12345.678f};
        Path a = checkpoint("a.pt", odd, 0.7f, 5);
        Path b = checkpoint("b.pt", odd, 0.7f, 5);
        Path out = temp.resolve("avg.pt");

        CheckpointAverage.Result r = CheckpointAverage.write(List.of(a, b), new double[0], out);

        assertThat(r.weights()).containsExactly(0.5, 0.5);
        assertThat(r.keptFromLast()).isEmpty();
        assertThat(TorchCheckpointReader.read(out).tensor("layer.weight").toFloatArray()).containsExactly(odd);
    }

    @Test
    void refusesCheckpointsOfDifferentNetworksNamingTheFile() throws Exception {
        Path a = checkpoint("a.pt", new float[] {1, 2}, 0f, 1);
        Path wider = checkpoint("wider.pt", new float[] {1, 2, 3}, 0f, 1);
        Map<String, NdArray> other = new LinkedHashMap<>();
        other.put("head.weight", NdArray.ofFloats(new float[] {1, 2}, 2));
        Path foreign = temp.resolve("foreign.pt");
        TorchCheckpointWriter.write(foreign, other);

        assertThatThrownBy(() -> CheckpointAverage.write(List.of(a, wider), new double[0], temp.resolve("x.pt")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("wider.pt")
                .hasMessageContaining("layer.weight has shape [3], but [2]");
        assertThatThrownBy(() -> CheckpointAverage.write(List.of(a, foreign), new double[0], temp.resolve("x.pt")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("foreign.pt")
                .hasMessageContaining("missing bn.num_batches_tracked, bn.running_mean, layer.weight")
                .hasMessageContaining("extra head.weight");
        assertThat(temp.resolve("x.pt")).doesNotExist();
    }

    @Test
    void refusesBadWeightsTooFewInputsAndOverwritingAnInput() throws Exception {
        Path a = checkpoint("a.pt", new float[] {1}, 0f, 1);
        Path b = checkpoint("b.pt", new float[] {2}, 0f, 1);
        Path out = temp.resolve("avg.pt");

        assertThatThrownBy(() -> CheckpointAverage.write(List.of(a), new double[0], out))
                .hasMessageContaining("at least two checkpoints");
        assertThatThrownBy(() -> CheckpointAverage.write(List.of(a, b), new double[] {1}, out))
                .hasMessageContaining("1 weights for 2 checkpoints");
        assertThatThrownBy(() -> CheckpointAverage.write(List.of(a, b), new double[] {1, 0}, out))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> CheckpointAverage.write(List.of(a, b), new double[] {1, Double.NaN}, out))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> CheckpointAverage.write(List.of(a, b), new double[0], b))
                .hasMessageContaining("is one of the inputs");
        assertThat(TorchCheckpointReader.read(b).tensor("layer.weight").toFloatArray()).containsExactly(2f);
    }

    /** A checkpoint shaped like a layer plus BatchNorm: float32 weight, float16 running mean, int64 counter. */
    private Path checkpoint(String name, float[] weight, float runningMean, long batches) throws Exception {
        Map<String, NdArray> tensors = new LinkedHashMap<>();
        tensors.put("layer.weight", NdArray.ofFloats(weight, weight.length));
        tensors.put("bn.running_mean", NdArray.ofHalfs(new float[] {runningMean}, 1));
        ByteBuffer counter = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, batches);
        tensors.put("bn.num_batches_tracked", new NdArray(DType.INT64, new int[0], counter, null));
        Path file = temp.resolve(name);
        TorchCheckpointWriter.write(file, tensors);
        return file;
    }
}
