package io.metroscope.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user directories Metroscope writes to: settings (config), re-creatable caches (DJL and JavaFX
 * natives), and state (logs). Never the working directory.
 */
public record AppDirs(Path config, Path cache, Path state) {

    private static final String APP = "metroscope";

    /** The directories for this process, from the environment and the operating system. */
    public static AppDirs current() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** Resolves the directories following XDG on Linux and the platform conventions elsewhere. */
    public static AppDirs resolve(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            Path lib = home.resolve("Library");
            return new AppDirs(lib.resolve("Application Support").resolve("Metroscope"),
                    lib.resolve("Caches").resolve("Metroscope"),
                    lib.resolve("Logs").resolve("Metroscope"));
        }
        if (os.startsWith("windows")) {
            Path roaming = dirOr(env, "APPDATA", home.resolve("AppData").resolve("Roaming"));
            Path local = dirOr(env, "LOCALAPPDATA", home.resolve("AppData").resolve("Local"));
            return new AppDirs(roaming.resolve("Metroscope"),
                    local.resolve("Metroscope").resolve("Cache"),
                    local.resolve("Metroscope").resolve("State"));
        }
        return new AppDirs(
                dirOr(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP),
                dirOr(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve(APP),
                dirOr(env, "XDG_STATE_HOME", home.resolve(".local").resolve("state")).resolve(APP));
    }

    /** Where the rolling log files go. */
    public Path logs() {
        return state.resolve("logs");
    }

    /** Where DJL unpacks the PyTorch natives. */
    public Path djlCache() {
        return cache.resolve("djl");
    }

    /** Where JavaFX unpacks its natives. */
    public Path javafxCache() {
        return cache.resolve("openjfx");
    }

    /** Where JNA and OpenCV unpack their natives. */
    public Path nativeCache() {
        return cache.resolve("native");
    }

    /** Where the bundled demo models and samples are unpacked from the program's resources. */
    public Path assetsCache() {
        return cache.resolve("assets");
    }

    private static Path dirOr(Map<String, String> env, String key, Path fallback) {
        String value = env.get(key);
        // XDG says relative paths are invalid and must be ignored.
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }
}
