package io.metroscope.ui;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes every uncaught exception, on any thread, visible: logged and shown in a dialog. */
final class UncaughtErrors {

    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrors.class);

    private UncaughtErrors() {
    }

    static void install(Window owner, Path logFile) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("Uncaught exception on thread {}", thread.getName(), error);
            Runnable show = () -> Dialogs.error(owner, "Unexpected error on thread " + thread.getName(), error, logFile);
            if (Platform.isFxApplicationThread()) {
                show.run();
            } else {
                Platform.runLater(show);
            }
        });
    }
}
