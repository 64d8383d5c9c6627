package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.bench.RandomMetroWeights;
import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.jobs.JobContext;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.train.TinyArchitectures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagedBundleTest {

    private static final Path BODY_TEMPLATE = Path.of("templates", "body.npz");
    private static final Path HAND_TEMPLATE = Path.of("templates", "hand.npz");

    @TempDir
    Path temp;

    @Test
    void halfPrecisionBundleIsSelfContainedHalfTheSizeAndReconstructsAlmostTheSame() throws Exception {
        MetroArchitecture arch = TinyArchitectures.body().withHeads(2);
        Path checkpoint = temp.resolve("best.pt");
        RandomMetroWeights.writeCheckpoint(checkpoint, arch, 11);
        Path folder = temp.resolve("demo");
        ModelBundle bundle = ModelBundles.packageOwn(checkpoint, BODY_TEMPLATE, 2, folder, "demo body", "test",
                "random weights", true);

        assertThat(bundle.kind()).isEqualTo(MeshKind.BODY);
        assertThat(bundle.weights().file().path()).isEqualTo(Path.of("weights.bin"));
        assertThat(Files.size(folder.resolve("weights.bin"))).isLessThan(Files.size(checkpoint) * 6 / 10);
        assertThat(TorchCheckpointReader.read(folder.resolve("weights.bin")).tensors().values())
                .allSatisfy(t -> assertThat(t.dtype()).isIn(DType.FLOAT16, DType.INT64));
        Path moved = Files.move(folder, temp.resolve("moved"));

        float[] image = new float[3 * 224 * 224];
        Random random = new Random(3);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        InputBatch input = InputBatch.ofTensor(image, 1, 224, 224, "noise");
        try (ReconstructionService service = new ReconstructionService(new ComputeDeviceService());
                ReconstructionModel full = service.loadNow(ModelSpec.of(checkpoint, new TemplateSource.File(
                        BODY_TEMPLATE)).withHeads(2).withDevice(DeviceSpec.CPU).withWarmUp(false));
                ReconstructionModel half = service.loadNow(ModelBundles.modelSpec(ModelBundles.load(moved),
                        DeviceSpec.CPU).withWarmUp(false))) {
            ModelBundles.checkArchitecture(ModelBundles.load(moved), half.architecture());
            List<Reconstruction> a = service.reconstructNow(full, input, RunOptions.defaults(), JobContext.NONE);
            List<Reconstruction> b = service.reconstructNow(half, input, RunOptions.defaults(), JobContext.NONE);
            float[] va = a.get(0).vertices();
            float[] vb = b.get(0).vertices();
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < va.length; i++) {
                worst = Math.max(worst, Math.abs(va[i] - vb[i]));
                scale = Math.max(scale, Math.abs(va[i]));
            }
            assertThat(worst).as("largest vertex difference against the float32 weights").isLessThan(2e-2 * scale);
            assertThat(worst).as("float16 rounding must change something").isGreaterThan(0);
        }
    }

    @Test
    void aTemplateOfTheOtherKindIsRefusedNamingTheCheckpoint() throws Exception {
        Path checkpoint = temp.resolve("body.pt");
        RandomMetroWeights.writeCheckpoint(checkpoint, TinyArchitectures.body(), 1);
        assertThatThrownBy(() -> ModelBundles.packageOwn(checkpoint, HAND_TEMPLATE, 4, temp.resolve("x"), "x", "t",
                null, false)).isInstanceOf(FormatException.class).hasMessageContaining("body.pt")
                .hasMessageContaining("template");
    }
}
