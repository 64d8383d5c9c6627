package io.metroscope.ui;

import io.metroscope.app.AppServices;
import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: builds the main window, shows it, then loads the engine in the background. */
public final class MetroscopeApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(MetroscopeApp.class);

    private AppServices services;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        GuiOptions options = GuiLauncher.options();
        services = GuiLauncher.newServices();
        window = new MainWindow(stage, services, options);
        UncaughtErrors.install(stage, services.dirs().logs().resolve("metroscope.log"));
        if (!Platform.isSupported(ConditionalFeature.SCENE3D)) {
            LOG.warn("This graphics pipeline cannot draw 3D (prism.order={}); 3D mesh views will be empty. "
                    + "Use a GPU with OpenGL ES 2 or run with -Dprism.forceGPU=true.", System.getProperty("prism.order"));
        }
        stage.show();
        // After show, so that any message about the files appears in front of the window.
        if (!options.files().isEmpty()) {
            window.openFiles(options.files());
        }
        reportStartupWhenDrawn(options.startupReport());
        // After the window is up: the engine's first load unpacks ~0.4 GB of natives.
        window.detectDeviceInBackground();
        if (options.openDemo() && options.files().isEmpty()) {
            window.openDemo();
        }
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        }
    }

    private void reportStartupWhenDrawn(boolean exitAfter) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                window.scene().removePostLayoutPulseListener(this);
                long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                LOG.info("Window visible {} ms after JVM start", ms);
                if (exitAfter) {
                    System.out.println("startup_ms=" + ms);
                    Platform.exit();
                }
            }
        };
        window.scene().addPostLayoutPulseListener(once);
    }
}
