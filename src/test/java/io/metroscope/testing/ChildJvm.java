package io.metroscope.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class's main in a second JVM with this test run's classpath (stdout and stderr merged). */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** A child with a 256 MB heap and no other JVM options. */
    public static Process start(Class<?> main, String... args) throws IOException {
        return start(main, List.of("-Xmx256m"), args);
    }

    /** A child with the given JVM options (heap, system properties) before the main class. */
    public static Process start(Class<?> main, List<String> jvmOptions, String... args) throws IOException {
        return start(main, jvmOptions, List.of(), args);
    }

    /** A child with the given JVM options whose environment lacks the variables {@code unset} (e.g. DISPLAY). */
    public static Process start(Class<?> main, List<String> jvmOptions, List<String> unset, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        unset.forEach(builder.environment()::remove);
        return builder.start();
    }
}
