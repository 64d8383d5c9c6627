package io.metroscope.app;

import io.metroscope.jobs.JobService;
import io.metroscope.platform.AppDirs;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.recon.ReconstructionService;
import io.metroscope.settings.SettingsStore;
import io.metroscope.vision.OpenCvRuntime;

/** The long-lived services one Metroscope process shares between its views and commands. */
public final class AppServices implements AutoCloseable {

    private final AppDirs dirs;
    private final SettingsStore settings;
    private final ComputeDeviceService devices;
    private final JobService jobs;
    private final ReconstructionService reconstruction;

    public AppServices(AppDirs dirs) {
        this(dirs, new ComputeDeviceService());
    }

    public AppServices(AppDirs dirs, ComputeDeviceService devices) {
        this.dirs = dirs;
        this.settings = new SettingsStore(dirs.config());
        this.devices = devices;
        // Two workers: one long job (inference or training) never blocks a short one (an import).
        this.jobs = new JobService("job", 2);
        this.reconstruction = new ReconstructionService(devices);
    }

    public AppDirs dirs() {
        return dirs;
    }

    public SettingsStore settings() {
        return settings;
    }

    public ComputeDeviceService devices() {
        return devices;
    }

    public JobService jobs() {
        return jobs;
    }

    /** Loads METRO models and runs them, off the FX thread. */
    public ReconstructionService reconstruction() {
        return reconstruction;
    }

    /** Collects every version; loads the engine and OpenCV if needed (seconds on a first start). */
    public VersionReport versions(DeviceSpec spec) {
        String device;
        try {
            ComputeDevice d = devices.resolve(spec);
            device = d.name();
        } catch (RuntimeException e) {
            device = "unavailable: " + e.getMessage();
        }
        String opencv;
        try {
            opencv = OpenCvRuntime.load();
        } catch (RuntimeException | LinkageError e) {
            opencv = "failed to load: " + e.getMessage();
        }
        return new VersionReport(VersionReport.metroscopeVersion(),
                System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
                VersionReport.javafxVersion(), VersionReport.djlVersion(), devices.pytorchVersion(), opencv, device);
    }

    @Override
    public void close() {
        jobs.close();
        reconstruction.close();
    }
}
