package io.metroscope.cli;

import ai.djl.engine.Engine;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.CpuKernelGuard;
import io.metroscope.platform.RuntimeSetup;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the compute devices PyTorch sees and which one {@code --device} selects. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the compute devices the PyTorch engine sees and the one --device selects.")
public final class DevicesCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Spec
    CommandSpec spec;

    private final ComputeDeviceService devices;

    public DevicesCommand(ComputeDeviceService devices) {
        this.devices = devices;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Engine engine = devices.engine();
        out.printf("Engine:    %s %s (DJL %s, offline=%s)%n", engine.getEngineName(), engine.getVersion(),
                Engine.getDjlVersion(), System.getProperty("ai.djl.offline"));
        if ("PyTorch".equals(engine.getEngineName())) {
            out.printf("Libtorch:  %s%n", ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
        }
        RuntimeSetup.libtorchOverride().ifPresent(o -> out.printf("           %s%n", o.describe()));
        CpuKernelGuard.outcome().ifPresent(o -> out.printf("CPU:       %s%n", o.describe()));
        out.printf("GPUs:      %d%n", engine.getGpuCount());
        ComputeDevice selected = devices.resolve(device.spec());
        out.printf("Selected:  %s (--device %s)%n", selected.name(), device.spec());
        out.flush();
        return 0;
    }
}
