package io.metroscope;

import io.metroscope.cli.MetroscopeCommand;
import io.metroscope.platform.AppDirs;
import io.metroscope.platform.RuntimeSetup;

/**
 * Entry point. Deliberately not a JavaFX {@code Application}: from a plain classpath jar, JavaFX refuses to
 * start a main class that extends it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Before any logger, DJL or JavaFX class loads: they read these properties once.
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            System.setProperty("metroscope.console.level", "DEBUG");
        }
        RuntimeSetup.apply(AppDirs.current());
        System.exit(MetroscopeCommand.execute(args));
    }
}
