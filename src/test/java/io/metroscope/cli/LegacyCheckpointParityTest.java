package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.format.NdArray;
import io.metroscope.format.Npy;
import io.metroscope.format.Npz;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchCheckpointWriter;
import io.metroscope.format.TorchTensor;
import io.metroscope.recon.FixtureFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parity fixtures are zip checkpoints; converted at test time to torch's legacy (< 1.6) layout, {@code infer}
 * must give bit-identical outputs from both (and so stay within the parity bar of the official outputs).
 */
class LegacyCheckpointParityTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"body-tiny, metro_body-tiny_state_dict.bin, --smpl, smpl_fake.npz",
            "hand-tiny, metro_hand-tiny_state_dict.bin, --mano, template.npz"})
    void legacyCheckpointGivesTheSameOutputsAsTheZip(String fixture, String checkpointName, String templateOption,
            String templateFile) throws Exception {
        Path zip = FixtureFiles.gunzip(fixture, checkpointName, temp);
        Path legacy = temp.resolve("legacy-" + checkpointName);
        StateDict dict = TorchCheckpointReader.read(zip);
        Map<String, NdArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, TorchTensor> e : dict.tensors().entrySet()) {
            tensors.put(e.getKey(), e.getValue().toNdArray());
        }
        TorchCheckpointWriter.write(legacy, tensors, TorchCheckpointWriter.Layout.LEGACY);
        assertThat(TorchCheckpointReader.read(legacy).format()).isEqualTo(StateDict.Format.LEGACY);

        Map<String, NdArray> expected = Npz.read(FixtureFiles.gunzip(fixture, "expected.npz", temp));
        Path input = temp.resolve("input.npy");
        Npy.write(input, expected.get("input"));
        Path template = FixtureFiles.file(fixture, templateFile);
        Map<String, NdArray> fromZip = infer(zip, templateOption, template, input, temp.resolve("zip.npz"));
        Map<String, NdArray> fromLegacy = infer(legacy, templateOption, template, input, temp.resolve("legacy.npz"));
        CliRun.assertIdentical(fromZip, fromLegacy);
        assertThat(CliRun.maxAbs(expected, fromLegacy, "cam", "joints", "vertices_coarse", "vertices",
                "joints_regressed", "attention")).isLessThanOrEqualTo(1e-4);
    }

    private static Map<String, NdArray> infer(Path checkpoint, String templateOption, Path template, Path input,
            Path out) throws Exception {
        CliRun.of("infer", "--checkpoint", checkpoint.toString(), templateOption, template.toString(),
                "--metro-data", FixtureFiles.metroData().toString(), "--device", "cpu", "--attention",
                "--input-tensor", input.toString(), "--out", out.toString()).succeeded();
        return Npz.read(out);
    }
}
