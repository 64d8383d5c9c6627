package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibtorchOverrideTest {

    @TempDir
    Path dir;

    private Path config;
    private Path cache;
    private Path lib;

    private void layout(String file, boolean jniInCache) throws IOException {
        config = Files.createDirectories(dir.resolve("config"));
        cache = Files.createDirectories(dir.resolve("cache"));
        lib = Files.createDirectories(dir.resolve("torch/lib"));
        Files.writeString(lib.resolve("libtorch.so"), "elf");
        if (jniInCache) {
            Path jni = Files.createDirectories(cache.resolve("pytorch/2.11.0-cu130-linux-x86_64"));
            Files.writeString(jni.resolve("0.36.0-libdjl_torch.so"), "elf");
        }
        Files.writeString(config.resolve(LibtorchOverride.FILE), file.replace("@LIB@", lib.toString()));
    }

    private static final String GOOD = "PYTORCH_LIBRARY_PATH=@LIB@\nPYTORCH_VERSION=2.11.0\nPYTORCH_FLAVOR=cu130\n"
            + "jna.library.path=/opt/cuda/lib\n";

    @Test
    void aCompleteFileBecomesDjlsSystemProperties() throws IOException {
        layout(GOOD, true);
        Properties target = new Properties();
        LibtorchOverride.Outcome o = LibtorchOverride.apply(config, target, Map.of(), cache);
        assertThat(o.ignoredBecause()).isNull();
        assertThat(target).containsEntry("PYTORCH_LIBRARY_PATH", lib.toString())
                .containsEntry("PYTORCH_VERSION", "2.11.0").containsEntry("PYTORCH_FLAVOR", "cu130")
                .containsEntry("jna.library.path", "/opt/cuda/lib");
        assertThat(o.describe()).contains("2.11.0 cu130", lib.toString());
    }

    @Test
    void theEnvironmentAndExplicitPropertiesWin() throws IOException {
        layout(GOOD, true);
        Properties target = new Properties();
        target.setProperty("PYTORCH_FLAVOR", "cu128");
        LibtorchOverride.Outcome o = LibtorchOverride.apply(config, target,
                Map.of("PYTORCH_VERSION", "2.7.1"), cache);
        assertThat(target).containsEntry("PYTORCH_FLAVOR", "cu128").doesNotContainKey("PYTORCH_VERSION")
                .containsEntry("PYTORCH_LIBRARY_PATH", lib.toString());
        assertThat(o.applied()).doesNotContainKeys("PYTORCH_FLAVOR", "PYTORCH_VERSION");
        assertThat(o.describe()).contains("2.11.0 cu130", "not taken from it: PYTORCH_FLAVOR", "PYTORCH_VERSION");
    }

    @Test
    void noFileLeavesTheBundledNatives() throws IOException {
        Properties target = new Properties();
        LibtorchOverride.Outcome o = LibtorchOverride.apply(dir, target, Map.of(), dir);
        assertThat(target).isEmpty();
        assertThat(o.applied()).isEmpty();
        assertThat(o.ignoredBecause()).isNull();
    }

    @Test
    void aFileThatCannotWorkIsIgnoredWithTheReason() throws IOException {
        layout(GOOD, false);
        Properties target = new Properties();
        assertThat(LibtorchOverride.apply(config, target, Map.of(), cache).ignoredBecause())
                .contains("no DJL JNI", "2.11.0-cu130");
        assertThat(target).isEmpty();

        layout(GOOD.replace("PYTORCH_FLAVOR=cu130\n", ""), true);
        assertThat(LibtorchOverride.apply(config, target, Map.of(), cache).ignoredBecause())
                .isEqualTo("PYTORCH_FLAVOR is missing");

        layout(GOOD + "java.class.path=/evil\n", true);
        assertThat(LibtorchOverride.apply(config, target, Map.of(), cache).ignoredBecause())
                .contains("unknown key 'java.class.path'");

        layout(GOOD, true);
        Files.delete(lib.resolve("libtorch.so"));
        LibtorchOverride.Outcome o = LibtorchOverride.apply(config, target, Map.of(), cache);
        assertThat(o.ignoredBecause()).contains("has no libtorch.so");
        assertThat(o.describe()).contains("Ignored", "cuda-natives.sh",
                "bundled CPU natives");
        assertThat(target).isEmpty();
    }
}
