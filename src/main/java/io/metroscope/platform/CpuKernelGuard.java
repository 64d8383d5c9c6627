package io.metroscope.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps libtorch's oneDNN off AVX-512 where its AVX-512 convolutions compute wrong results. On the first start on a
 * CPU with AVX-512, {@link ConvolutionProbe} runs in a child JVM (oneDNN fixes its instruction set at its first
 * convolution, so this process must not probe itself) and the verdict is cached per CPU and libtorch. When the
 * convolutions are wrong, or the check cannot run, {@code ONEDNN_MAX_CPU_ISA=AVX2} is set in this process's
 * environment before the engine loads. A value the user set (ONEDNN_ or DNNL_MAX_CPU_ISA) always wins.
 */
public final class CpuKernelGuard {

    public static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    static final String OLD_VARIABLE = "DNNL_MAX_CPU_ISA";
    static final String LIMIT = "AVX2";
    static final String CACHE_FILE = "cpu-kernels.properties";
    private static final String RIGHT = "right";
    private static final long PROBE_TIMEOUT_S = 120;
    /** Exit statuses from 128 on: the JVM died of a signal (SIGFPE, SIGSEGV, SIGILL in a kernel). */
    private static final int CRASHED = 128;

    /** What start-up did about oneDNN's instruction set. */
    public enum Verdict {
        /** The CPU has no AVX-512: nothing to check. */
        NOT_NEEDED,
        /** ONEDNN_MAX_CPU_ISA or DNNL_MAX_CPU_ISA was set by the user. */
        USER_SET,
        /** AVX-512 convolutions matched the reference: left on. */
        VERIFIED,
        /** Limited to AVX2: the convolutions were wrong or could not be checked. */
        LIMITED
    }

    /** The verdict, in words why, and whether it was recalled from an earlier start's check. */
    public record Outcome(Verdict verdict, String detail, boolean remembered) {

        Outcome(Verdict verdict, String detail) {
            this(verdict, detail, false);
        }

        /** One line for logs and {@code metroscope devices}. */
        public String describe() {
            return switch (verdict) {
                case NOT_NEEDED -> "oneDNN CPU kernels: " + detail;
                case USER_SET -> "oneDNN CPU kernels: " + detail + ", set by you";
                case VERIFIED -> "oneDNN CPU kernels: AVX-512 convolutions match a reference (" + detail + ")";
                case LIMITED -> "oneDNN CPU kernels limited to AVX2 (" + VARIABLE + "=" + LIMIT + "): " + detail
                        + ". Set " + VARIABLE + " yourself to override";
            };
        }
    }

    /** The probe child's exit status (−1: it could not run or timed out) and its output. */
    record ProbeRun(int status, String output) {
    }

    private static volatile Outcome applied;

    private CpuKernelGuard() {
    }

    /** What {@link #apply} decided in this process; empty before it ran. */
    public static Optional<Outcome> outcome() {
        return Optional.ofNullable(applied);
    }

    /** Checks (or recalls) this CPU's verdict and limits oneDNN when needed; once per process, before the engine. */
    public static synchronized Outcome apply(Path cacheDir) {
        if (applied == null) {
            applied = decide(System.getenv(), cpuInfo(), libtorchIdentity(), cacheDir.resolve(CACHE_FILE),
                    CpuKernelGuard::runProbe, NativeTuning::setEnvironment);
        }
        return applied;
    }

    /**
     * The decision, with every outside input passed in: the environment, /proc/cpuinfo's text, what identifies the
     * libtorch build, the verdict cache, the probe and the environment setter.
     */
    static Outcome decide(Map<String, String> env, String cpuInfo, String libtorch, Path cacheFile,
            Supplier<ProbeRun> probe, BiPredicate<String, String> setenv) {
        for (String name : List.of(VARIABLE, OLD_VARIABLE)) {
            if (env.get(name) != null) {
                return new Outcome(Verdict.USER_SET, name + "=" + env.get(name));
            }
        }
        if (cpuInfo.isBlank()) {
            return new Outcome(Verdict.NOT_NEEDED, "not checked (no /proc/cpuinfo on this system)");
        }
        if (!hasAvx512(cpuInfo)) {
            return new Outcome(Verdict.NOT_NEEDED, "no AVX-512 on this CPU, nothing to check");
        }
        String key = key(cpuInfo, libtorch);
        Properties cache = readCache(cacheFile);
        String known = cache.getProperty(key);
        String why;
        if (RIGHT.equals(known)) {
            return new Outcome(Verdict.VERIFIED, "checked before, " + cacheFile, true);
        } else if (known != null) {
            why = known + " (checked before, " + cacheFile + ")";
        } else {
            ProbeRun run = probe.get();
            if (run.status() == 0) {
                cache.setProperty(key, RIGHT);
                writeCache(cacheFile, cache);
                return new Outcome(Verdict.VERIFIED, "checked now");
            }
            if (run.status() == ConvolutionProbe.WRONG) {
                why = "its AVX-512 convolutions give wrong results on this CPU: " + wrongCases(run.output());
                cache.setProperty(key, why);
                writeCache(cacheFile, cache);
            } else if (run.status() >= CRASHED) {
                why = "the check of its AVX-512 convolutions crashed: " + lastLine(run.output());
                cache.setProperty(key, why);
                writeCache(cacheFile, cache);
            } else {
                // Not cached: a busy machine or a missing launcher may do better next time.
                why = "the check of its AVX-512 convolutions could not run: " + lastLine(run.output());
            }
        }
        if (!setenv.test(VARIABLE, LIMIT)) {
            why += "; setting the variable failed, so set " + VARIABLE + "=" + LIMIT + " before starting Metroscope";
        }
        return new Outcome(Verdict.LIMITED, why, known != null);
    }

    static boolean hasAvx512(String cpuInfo) {
        return flagsLine(cpuInfo).matches("(?s).*\\bavx512f\\b.*");
    }

    /** A cache key for this CPU model, its flags and the libtorch build. */
    static String key(String cpuInfo, String libtorch) {
        String model = cpuInfo.lines().filter(l -> l.startsWith("model name")).findFirst().orElse("");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((model + "\n" + flagsLine(cpuInfo) + "\n" + libtorch).getBytes(StandardCharsets.UTF_8));
            return "cpu-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String flagsLine(String cpuInfo) {
        return cpuInfo.lines().filter(l -> l.startsWith("flags")).findFirst().orElse("");
    }

    private static String wrongCases(String output) {
        String wrong = output.lines().filter(l -> l.endsWith("(wrong)")).map(l -> l.replace(" (wrong)", ""))
                .collect(Collectors.joining("; "));
        return wrong.isEmpty() ? lastLine(output) : wrong;
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
    }

    private static Properties readCache(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                // A damaged cache only costs one more check.
                p.clear();
            }
        }
        return p;
    }

    private static void writeCache(Path file, Properties p) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "oneDNN AVX-512 convolution checks per CPU and libtorch (io.metroscope.platform."
                        + "CpuKernelGuard); delete to check again");
            }
        } catch (IOException e) {
            // Unwritable cache: the check simply runs again next start.
        }
    }

    private static String cpuInfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The bundled libtorch's build properties, or the override's PYTORCH_* settings. */
    private static String libtorchIdentity() {
        StringBuilder id = new StringBuilder();
        try (InputStream in = CpuKernelGuard.class.getResourceAsStream("/native/lib/pytorch.properties")) {
            if (in != null) {
                id.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The key then covers the overrides only.
        }
        for (String k : LibtorchOverride.DJL_KEYS) {
            id.append('\n').append(k).append('=').append(System.getProperty(k, System.getenv(k)));
        }
        return id.toString();
    }

    /** Runs {@link ConvolutionProbe} in a child JVM with this process's classpath and DJL settings. */
    private static ProbeRun runProbe() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            return new ProbeRun(-1, "no Java launcher at " + java);
        }
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m"));
        for (String k : List.of("ai.djl.offline", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "jna.tmpdir",
                RuntimeSetup.LOG_DIR_PROPERTY, "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR")) {
            String v = System.getProperty(k);
            if (v != null) {
                command.add("-D" + k + "=" + v);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConvolutionProbe.class.getName()));
        try {
            Path log = Files.createTempFile("metroscope-probe", ".txt");
            try {
                Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                if (!child.waitFor(PROBE_TIMEOUT_S, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    return new ProbeRun(-1, "no answer within " + PROBE_TIMEOUT_S + " s");
                }
                String output = Files.readString(log);
                int status = child.exitValue();
                return new ProbeRun(status, status == 0 || status == ConvolutionProbe.WRONG ? output
                        : output + "\nexit status " + status);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new ProbeRun(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeRun(-1, "interrupted");
        }
    }
}
