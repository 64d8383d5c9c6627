package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecDisplayNameTest {

    @TempDir
    Path dir;

    @Test
    void aBundleIsCalledByItsFolderAndACheckpointByItsFile() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("body-demo"));
        Files.writeString(bundle.resolve(ModelBundles.FOLDER_MANIFEST), "{}");
        Path weights = Files.writeString(bundle.resolve("weights.bin"), "");
        TemplateSource template = new TemplateSource.File(dir.resolve("t.npz"));
        assertThat(ModelSpec.of(weights, template).displayName()).isEqualTo("body-demo");
        Path loose = Files.writeString(dir.resolve("metro_3dpw_state_dict.bin"), "");
        assertThat(ModelSpec.of(loose, template).displayName()).isEqualTo("metro_3dpw_state_dict.bin");
    }
}
