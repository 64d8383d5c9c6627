package io.metroscope.ui;

import io.metroscope.app.AppServices;
import io.metroscope.platform.AppDirs;
import io.metroscope.platform.DeviceUnavailableException;
import javafx.application.Application;

/** Starts the JavaFX application with the given options and waits until the window closes. */
public final class GuiLauncher {

    private static volatile GuiOptions options = new GuiOptions(null, null, false);

    private GuiLauncher() {
    }

    /** Blocks until the window is closed; returns the exit code. */
    public static int launch(GuiOptions opts) {
        options = opts;
        try {
            Application.launch(MetroscopeApp.class);
        } catch (UnsupportedOperationException noDisplay) {
            // GTK's way of saying that there is no X server to talk to
            String display = System.getenv("DISPLAY");
            throw new DeviceUnavailableException("no display to open the window on (" + (display == null
                    ? "DISPLAY is not set" : "DISPLAY=" + display + " cannot be opened") + ": "
                    + noDisplay.getMessage() + "). Fix: start Metroscope in a desktop session (or under xvfb-run), "
                    + "or use its commands, which need no window: metroscope --help");
        }
        return 0;
    }

    static GuiOptions options() {
        return options;
    }

    static AppServices newServices() {
        return new AppServices(AppDirs.current());
    }
}
