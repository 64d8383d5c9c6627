package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputeDeviceServiceTest {

    @Test
    void autoPicksTheFirstGpuWhenPresentAndTheCpuOtherwise() {
        assertThat(ComputeDeviceService.resolve(DeviceSpec.AUTO, 2, List.of("NVIDIA H100", "NVIDIA A10")).name())
                .isEqualTo("GPU 0: NVIDIA H100");
        ComputeDevice cpu = ComputeDeviceService.resolve(DeviceSpec.AUTO, 0, List.of());
        assertThat(cpu.isGpu()).isFalse();
        assertThat(cpu.name()).startsWith("CPU (");
    }

    @Test
    void explicitGpuIsHonouredAndNamed() {
        ComputeDevice d = ComputeDeviceService.resolve(DeviceSpec.gpu(1), 2, List.of("NVIDIA H100", "NVIDIA A10"));
        assertThat(d.isGpu()).isTrue();
        assertThat(d.device().getDeviceId()).isEqualTo(1);
        assertThat(d.name()).isEqualTo("GPU 1: NVIDIA A10");
        assertThat(ComputeDeviceService.resolve(DeviceSpec.gpu(0), 1, List.of()).name()).isEqualTo("GPU 0: CUDA GPU");
    }

    @Test
    void absentGpuIsRefusedNamingWhatWasFound() {
        assertThatThrownBy(() -> ComputeDeviceService.resolve(DeviceSpec.gpu(0), 0, List.of()))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("GPU 0 was requested")
                .hasMessageContaining("only the CPU")
                .hasMessageContaining("--device cpu");
        assertThatThrownBy(() -> ComputeDeviceService.resolve(DeviceSpec.gpu(3), 2, List.of()))
                .hasMessageContaining("gpu:0 to gpu:1");
    }

    @Test
    void cpuIsAlwaysAvailable() {
        assertThat(ComputeDeviceService.resolve(DeviceSpec.CPU, 4, List.of()).isGpu()).isFalse();
    }

    @Test
    void gpuNamesComeFromTheDriverFilesInBusOrder(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("0000:41:00.0"));
        Files.createDirectories(proc.resolve("0000:01:00.0"));
        Files.writeString(proc.resolve("0000:41:00.0/information"), "Model: \t NVIDIA A10\nIRQ: 1\n");
        Files.writeString(proc.resolve("0000:01:00.0/information"), "Model: \t NVIDIA H100 80GB HBM3\n");
        assertThat(GpuNames.read(proc)).containsExactly("NVIDIA H100 80GB HBM3", "NVIDIA A10");
        assertThat(GpuNames.read(proc.resolve("missing"))).isEmpty();
    }
}
