package io.metroscope.platform;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the PyTorch engine (offline, from the bundled natives) and turns a {@link DeviceSpec} into a device:
 * a GPU when asked for or when {@code auto} finds one, the CPU otherwise.
 */
public final class ComputeDeviceService {

    private static final Logger LOG = LoggerFactory.getLogger(ComputeDeviceService.class);
    private static final String ENGINE = "PyTorch";

    private final Supplier<Engine> engineLoader;
    private volatile CompletableFuture<Engine> engine;

    public ComputeDeviceService() {
        this(() -> Engine.getEngine(ENGINE));
    }

    ComputeDeviceService(Supplier<Engine> engineLoader) {
        this.engineLoader = engineLoader;
    }

    /** Loads the engine on a background thread (the first load unpacks the natives); idempotent. */
    public synchronized CompletableFuture<Engine> loadInBackground() {
        if (engine == null) {
            engine = CompletableFuture.supplyAsync(this::loadEngine,
                    runnable -> DaemonThreads.thread("engine-loader", runnable).start());
        }
        return engine;
    }

    /** The engine, loading it on this thread if no background load was started. */
    public Engine engine() {
        return loadInBackground().join();
    }

    /** The PyTorch (libtorch) version the engine runs. */
    public String pytorchVersion() {
        return engine().getVersion();
    }

    /** Resolves a request against the GPUs this machine has. */
    public ComputeDevice resolve(DeviceSpec spec) {
        int gpus = engine().getGpuCount();
        return resolve(spec, gpus, GpuNames.read());
    }

    static ComputeDevice resolve(DeviceSpec spec, int gpuCount, List<String> gpuNames) {
        return switch (spec.kind()) {
            case CPU -> cpu(gpuCount);
            case AUTO -> gpuCount > 0 ? gpu(0, gpuCount, gpuNames) : cpu(gpuCount);
            case GPU -> {
                if (spec.gpuIndex() >= gpuCount) {
                    String found = gpuCount == 0
                            ? "no CUDA GPU is visible to PyTorch, only the " + cpu(0).name()
                            : "only " + gpuCount + " GPU(s) are visible (gpu:0 to gpu:" + (gpuCount - 1) + ")";
                    throw new DeviceUnavailableException("GPU " + spec.gpuIndex() + " was requested but " + found
                            + ". Use --device auto or --device cpu; for a GPU you need an NVIDIA driver and the CUDA"
                            + " natives (installer/cuda-natives.sh, see README, GPU).");
                }
                yield gpu(spec.gpuIndex(), gpuCount, gpuNames);
            }
        };
    }

    private static ComputeDevice cpu(int gpuCount) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ComputeDevice(Device.cpu(), "CPU (" + cores + (cores == 1 ? " core)" : " cores)"), gpuCount);
    }

    private static ComputeDevice gpu(int index, int gpuCount, List<String> gpuNames) {
        String model = index < gpuNames.size() ? gpuNames.get(index) : "CUDA GPU";
        return new ComputeDevice(Device.gpu(index), "GPU " + index + ": " + model, gpuCount);
    }

    private Engine loadEngine() {
        long t0 = System.nanoTime();
        Engine e = engineLoader.get();
        LOG.info("{} engine {} loaded in {} ms ({} GPU(s), offline={})", ENGINE, e.getVersion(),
                (System.nanoTime() - t0) / 1_000_000, e.getGpuCount(), System.getProperty("ai.djl.offline"));
        return e;
    }
}
