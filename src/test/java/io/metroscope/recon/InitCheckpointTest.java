package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.bench.RandomMetroWeights;
import io.metroscope.format.FormatException;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchTensor;
import io.metroscope.model.MeshKind;
import io.metroscope.train.TinyArchitectures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCheckpointTest {

    private static final Path BODY_TEMPLATE = Path.of("templates", "body.npz");
    private static final Path HAND_TEMPLATE = Path.of("templates", "hand.npz");

    @TempDir
    Path temp;

    private Path bundle(String name, MeshKind kind, Path checkpoint) throws Exception {
        RandomMetroWeights.writeCheckpoint(checkpoint, TinyArchitectures.of(kind).withHeads(2), 21);
        Path folder = temp.resolve(name);
        ModelBundles.packageOwn(checkpoint, kind == MeshKind.BODY ? BODY_TEMPLATE : HAND_TEMPLATE, 2, folder, name,
                "test", "random weights", true);
        return folder;
    }

    @Test
    void aBundleResolvesToItsWeightsWhichHoldTheNetworkItWasMadeOf() throws Exception {
        Path checkpoint = temp.resolve("weights.pt");
        Path body = bundle("body", MeshKind.BODY, checkpoint);

        String fromFolder = InitCheckpoint.resolve(body.toString(), MeshKind.BODY,
                TinyArchitectures.body().withHeads(2));
        String fromManifest = InitCheckpoint.resolve(body.resolve(ModelBundles.FOLDER_MANIFEST).toString(),
                MeshKind.BODY, TinyArchitectures.body().withHeads(2));
        assertThat(Path.of(fromFolder)).isEqualTo(body.resolve("weights.bin").toAbsolutePath().normalize());
        assertThat(fromManifest).isEqualTo(fromFolder);

        // float16 keeps 11 significant bits: every weight within 2^-11 of the original, relative (subnormals aside)
        Map<String, TorchTensor> original = TorchCheckpointReader.read(checkpoint).tensors();
        Map<String, TorchTensor> stored = TorchCheckpointReader.read(Path.of(fromFolder)).tensors();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(original.keySet());
        double worst = 0;
        for (Map.Entry<String, TorchTensor> e : original.entrySet()) {
            float[] x = e.getValue().toFloatArray();
            float[] y = stored.get(e.getKey()).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(Math.abs(x[i]), 0x1p-14));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(0x1p-11);

        // checkpoints, and no start at all, pass through unchanged
        assertThat(InitCheckpoint.resolve(checkpoint.toString(), MeshKind.HAND, TinyArchitectures.body()))
                .isEqualTo(checkpoint.toString());
        assertThat(InitCheckpoint.resolve(null, MeshKind.BODY, TinyArchitectures.body())).isNull();
        assertThat(InitCheckpoint.resolve("", MeshKind.BODY, TinyArchitectures.body())).isEmpty();
    }

    @Test
    void aBundleOfAnotherKindOrNetworkOrWithChangedWeightsIsRefusedWithTheFix() throws Exception {
        Path hand = bundle("hand", MeshKind.HAND, temp.resolve("hand.pt"));
        Path body = bundle("body", MeshKind.BODY, temp.resolve("body.pt"));

        assertThatThrownBy(() -> InitCheckpoint.resolve(hand.toString(), MeshKind.BODY,
                TinyArchitectures.body().withHeads(2)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(hand.resolve(ModelBundles.FOLDER_MANIFEST).toString())
                .hasMessageContaining("a hand model, but the recipe trains a body network");
        assertThatThrownBy(() -> InitCheckpoint.resolve(body.toString(), MeshKind.BODY,
                TinyArchitectures.body().withHeads(4)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("holds another network than the recipe's")
                .satisfies(e -> assertThat(((FormatException) e).fix()).contains("heads"));

        Files.write(body.resolve("weights.bin"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> InitCheckpoint.resolve(body.toString(), MeshKind.BODY,
                TinyArchitectures.body().withHeads(2)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("weights.bin");
    }

    @Test
    void aRunsCheckpointFolderResolvesToItsModelFileAndIsNoBundle() throws Exception {
        Path last = Files.createDirectories(temp.resolve("run").resolve("last"));
        RandomMetroWeights.writeCheckpoint(last.resolve("model.pt"), TinyArchitectures.body(), 5);

        assertThat(ModelSource.kindOf(last)).isEqualTo(ModelSource.Kind.RUN_FOLDER);
        assertThat(ModelSource.exists(last)).isTrue();
        String resolved = InitCheckpoint.resolve(last.toString(), MeshKind.BODY, TinyArchitectures.body());
        assertThat(resolved).isEqualTo(last.resolve("model.pt").toString());
        assertThat(InitCheckpoint.startNote(last.toString(), resolved))
                .contains("Starting from checkpoint folder " + last + " (weights " + resolved + ")");
        // a folder without model.pt is still read as a bundle, whose missing manifest is the error
        Path empty = Files.createDirectories(temp.resolve("run").resolve("best"));
        assertThat(ModelSource.kindOf(empty)).isEqualTo(ModelSource.Kind.BUNDLE);
        assertThatThrownBy(() -> InitCheckpoint.resolve(empty.toString(), MeshKind.BODY, TinyArchitectures.body()))
                .isInstanceOf(FormatException.class);
    }
}
