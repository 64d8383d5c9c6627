package io.metroscope.app;

import io.metroscope.jobs.JobService;
import io.metroscope.platform.AppDirs;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.settings.SettingsStore;
import io.metroscope.vision.OpenCvRuntime;

/** The long-lived services one Metroscope process shares between its views and commands. */
public final class AppServices implements AutoCloseable {

    private final AppDirs dirs;
    private final SettingsStore settings;
    private final ComputeDeviceService devices;
    private final JobService jobs;

    public AppServices(AppDirs dirs) {
        this(dirs, new ComputeDeviceService());
    }

    public AppServices(AppDirs dirs, ComputeDeviceService devices) {
        this.dirs = dirs;
        this.settings = new SettingsStore(dirs.config());
        this.devices = devices;
        // Two workers: one long job (inference or training) never blocks a short one (an import).
        this.jobs = new JobService("job", 2);
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
    }
}
