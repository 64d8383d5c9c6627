package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads from the bundled natives with no network and computes on the CPU. */
class EngineOfflineTest {

    @Test
    void pytorchEngineLoadsOfflineAndComputes() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        ComputeDeviceService service = new ComputeDeviceService();
        Engine engine = service.engine();
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(service.pytorchVersion()).startsWith("2.7.1");
        ComputeDevice cpu = service.resolve(DeviceSpec.CPU);
        try (NDManager m = NDManager.newBaseManager(cpu.device(), "PyTorch")) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray product = a.matMul(a);
            assertThat(product.toFloatArray()).containsExactly(7f, 10f, 15f, 22f);
        }
    }

    @Test
    void autoResolvesToWhatTheEngineReports() {
        ComputeDeviceService service = new ComputeDeviceService();
        ComputeDevice auto = service.resolve(DeviceSpec.AUTO);
        assertThat(auto.isGpu()).isEqualTo(service.engine().getGpuCount() > 0);
    }
}
