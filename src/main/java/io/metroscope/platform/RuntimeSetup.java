package io.metroscope.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Points every library's caches and our logs at the platform directories and forces DJL offline. Must run
 * before the first logger, DJL class or JavaFX class is touched.
 */
public final class RuntimeSetup {

    /** System property read by logback.xml for the rolling log directory. */
    public static final String LOG_DIR_PROPERTY = "metroscope.log.dir";

    private static volatile LibtorchOverride.Outcome libtorch;

    private RuntimeSetup() {
    }

    /** What start-up made of {@code libtorch.properties}; empty before {@link #apply} ran. */
    public static java.util.Optional<LibtorchOverride.Outcome> libtorchOverride() {
        return java.util.Optional.ofNullable(libtorch);
    }

    /** Applies the settings for the given directories; properties set explicitly by the user win. */
    public static void apply(AppDirs dirs) {
        createDirectories(dirs.config(), dirs.logs(), dirs.djlCache(), dirs.javafxCache(), dirs.nativeCache());
        setDefault(LOG_DIR_PROPERTY, dirs.logs());
        // No network at run time: DJL would otherwise try telemetry and model-zoo downloads.
        setDefault("ai.djl.offline", "true");
        setDefault("DJL_CACHE_DIR", dirs.djlCache());
        setDefault("ENGINE_CACHE_DIR", dirs.djlCache());
        setDefault("javafx.cachedir", dirs.javafxCache());
        setDefault("jna.tmpdir", dirs.nativeCache());
        // FFmpeg's natives (JavaCPP) would otherwise unpack to ~/.javacpp/cache.
        setDefault("org.bytedeco.javacpp.cachedir", dirs.nativeCache().resolve("javacpp"));
        // After the log folder is set: the outcome is logged.
        libtorch = LibtorchOverride.apply(dirs.config(), System.getProperties(), System.getenv(), dirs.djlCache());
        String said = libtorch.describe();
        if (libtorch.ignoredBecause() != null) {
            org.slf4j.LoggerFactory.getLogger(RuntimeSetup.class).warn(said);
        } else if (!libtorch.applied().isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(RuntimeSetup.class).info(said);
        }
        NativeTuning.passiveWaitingUnlessSet();
        NativeTuning.fewMallocArenasUnlessSet();
        // After the libtorch override (the verdict is per libtorch build), before the engine's first convolution;
        // a warning the first time, then a line in the log.
        CpuKernelGuard.Outcome kernels = CpuKernelGuard.apply(dirs.cache());
        if (kernels.verdict() == CpuKernelGuard.Verdict.LIMITED && !kernels.remembered()) {
            org.slf4j.LoggerFactory.getLogger(RuntimeSetup.class).warn(kernels.describe());
        } else {
            org.slf4j.LoggerFactory.getLogger(RuntimeSetup.class).info(kernels.describe());
        }
        routeJavaUtilLogging();
    }

    /** JavaFX and parts of DJL log through java.util.logging: send that to our log file too. */
    private static void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private static void setDefault(String key, Object value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value.toString());
        }
    }

    private static void createDirectories(Path... paths) {
        for (Path p : paths) {
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + p + ": check its permissions or set XDG_*_HOME", e);
            }
        }
    }
}
