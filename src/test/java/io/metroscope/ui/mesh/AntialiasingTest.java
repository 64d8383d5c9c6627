package io.metroscope.ui.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.SceneAntialiasing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AntialiasingTest {

    @TempDir
    Path dev;

    @Test
    void autoMultisamplesOnlyWhereAGpuCanRender() {
        assertThat(Antialiasing.choose("auto", true)).isEqualTo(SceneAntialiasing.BALANCED);
        assertThat(Antialiasing.choose("auto", false)).isEqualTo(SceneAntialiasing.DISABLED);
        assertThat(Antialiasing.choose("on", false)).isEqualTo(SceneAntialiasing.BALANCED);
        assertThat(Antialiasing.choose(" OFF ", true)).isEqualTo(SceneAntialiasing.DISABLED);
        assertThatThrownBy(() -> Antialiasing.choose("4x", true)).hasMessageContaining("metroscope.msaa=4x")
                .hasMessageContaining("on, off or auto");
    }

    @Test
    void aRenderNodeOrAnNvidiaDeviceMeansAGpu() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "device nodes are looked for on Linux only");
        assertThat(Antialiasing.hasGpuDevice(dev)).isFalse();
        Files.createDirectories(dev.resolve("dri")).resolve("card0").toFile().createNewFile();
        assertThat(Antialiasing.hasGpuDevice(dev)).as("a display card without a render node").isFalse();
        dev.resolve("dri/renderD128").toFile().createNewFile();
        assertThat(Antialiasing.hasGpuDevice(dev)).isTrue();
        Path other = Files.createDirectories(dev.resolve("other"));
        other.resolve("nvidia0").toFile().createNewFile();
        assertThat(Antialiasing.hasGpuDevice(other)).isTrue();
    }
}
