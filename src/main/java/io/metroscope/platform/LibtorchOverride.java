package io.metroscope.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Hands DJL a libtorch other than the bundled CPU build — typically the CUDA build inside the machine's PyTorch, with
 * DJL's JNI compiled against it by {@code installer/cuda-natives.sh} — as named in {@code libtorch.properties} in the
 * config folder. A file that does not describe a usable libtorch is ignored with the reason, so the application still
 * starts on the bundled CPU natives.
 */
public final class LibtorchOverride {

    /** The file in the config folder. */
    public static final String FILE = "libtorch.properties";

    /** DJL's names for the libtorch folder, its version and flavour (read as environment or system properties). */
    static final List<String> DJL_KEYS = List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR");

    /** Where JNA looks for CUDA's runtime, through which DJL counts the GPUs. */
    static final String JNA_PATH = "jna.library.path";

    private static final String JNI = "libdjl_torch.so";

    /**
     * What reading {@code file} did: its settings, those of them set here ({@code applied}; the rest were already set
     * by the environment or the command line), or why it was ignored. No file: no settings and no reason.
     */
    public record Outcome(Path file, Map<String, String> settings, Map<String, String> applied, String ignoredBecause) {

        static Outcome ignored(Path file, String why) {
            return new Outcome(file, Map.of(), Map.of(), why);
        }

        /** One line for the log and {@code metroscope devices}. */
        public String describe() {
            if (ignoredBecause != null) {
                return "Ignored " + file + ": " + ignoredBecause + ". Run installer/cuda-natives.sh again or delete the"
                        + " file; using the bundled CPU natives";
            }
            if (settings.isEmpty()) {
                return "No " + file + ": libtorch as PYTORCH_LIBRARY_PATH says, else the bundled one";
            }
            List<String> kept = settings.keySet().stream().filter(k -> !applied.containsKey(k)).toList();
            return "libtorch " + settings.get("PYTORCH_VERSION") + " " + settings.get("PYTORCH_FLAVOR") + " from "
                    + settings.get("PYTORCH_LIBRARY_PATH") + " (" + file + ")"
                    + (kept.isEmpty() ? "" : "; already set elsewhere, so not taken from it: " + String.join(", ", kept));
        }
    }

    private LibtorchOverride() {
    }

    /**
     * Reads {@code configDir/libtorch.properties} and copies its settings into {@code target} (the system properties),
     * unless the environment or {@code target} already sets them: the user's explicit choice wins.
     *
     * @param djlCache the DJL engine cache, where the script installs the JNI
     */
    public static Outcome apply(Path configDir, Properties target, Map<String, String> env, Path djlCache) {
        Path file = configDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new Outcome(file, Map.of(), Map.of(), null);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.ignored(file, "unreadable (" + e.getMessage() + ")");
        }
        for (String key : p.stringPropertyNames()) {
            if (!DJL_KEYS.contains(key) && !JNA_PATH.equals(key)) {
                return Outcome.ignored(file, "unknown key '" + key + "' (allowed: " + String.join(", ", DJL_KEYS)
                        + ", " + JNA_PATH + ")");
            }
        }
        for (String key : DJL_KEYS) {
            if (p.getProperty(key, "").isBlank()) {
                return Outcome.ignored(file, key + " is missing");
            }
        }
        Path lib = Path.of(p.getProperty("PYTORCH_LIBRARY_PATH"));
        if (!Files.isRegularFile(lib.resolve("libtorch.so"))) {
            return Outcome.ignored(file, "PYTORCH_LIBRARY_PATH " + lib + " has no libtorch.so");
        }
        Path jniDir = djlCache.resolve("pytorch").resolve(p.getProperty("PYTORCH_VERSION") + "-"
                + p.getProperty("PYTORCH_FLAVOR") + "-linux-x86_64");
        if (!hasJni(lib) && !hasJni(jniDir)) {
            return Outcome.ignored(file, "no DJL JNI (" + JNI + ") built for it, in " + jniDir + " or " + lib);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> applied = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            settings.put(key, p.getProperty(key));
            if (env.get(key) == null && target.getProperty(key) == null) {
                target.setProperty(key, p.getProperty(key));
                applied.put(key, p.getProperty(key));
            }
        }
        return new Outcome(file, settings, applied, null);
    }

    private static boolean hasJni(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + JNI)) {
            return s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
