package io.metroscope.ui;

import io.metroscope.app.AppServices;
import io.metroscope.platform.AppDirs;
import javafx.application.Application;

/** Starts the JavaFX application with the given options and waits until the window closes. */
public final class GuiLauncher {

    private static volatile GuiOptions options = new GuiOptions(null, null, false);

    private GuiLauncher() {
    }

    /** Blocks until the window is closed; returns the exit code. */
    public static int launch(GuiOptions opts) {
        options = opts;
        Application.launch(MetroscopeApp.class);
        return 0;
    }

    static GuiOptions options() {
        return options;
    }

    static AppServices newServices() {
        return new AppServices(AppDirs.current());
    }
}
