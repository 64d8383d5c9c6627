package io.metroscope.ui;

import io.metroscope.app.AppServices;
import io.metroscope.platform.AppDirs;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The application as UI tests open it: services keeping their settings and caches under a test folder. */
public final class TestApp {

    private TestApp() {
    }

    /** Services whose config, cache and state folders lie under {@code home}, never the user's own. */
    public static AppServices services(Path home) {
        return new AppServices(new AppDirs(home.resolve("config"), home.resolve("cache"), home.resolve("state")));
    }

    /** The main window on {@code stage}, opened with no file and no model. */
    public static MainWindow window(Stage stage, AppServices services) {
        return new MainWindow(stage, services, new GuiOptions(null, List.of(), false));
    }

    /** The main window on {@code stage}, {@code width} × {@code height}, shown. */
    public static MainWindow show(Stage stage, AppServices services, double width, double height) {
        MainWindow window = window(stage, services);
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        return window;
    }

    /** Closes the Annotate workspace's project (its last edits written), then the services: the end of a UI test. */
    public static void close(MainWindow window, AppServices services) {
        WaitForAsyncUtils.asyncFx(() -> window.annotateWorkspace().closeProject());
        WaitForAsyncUtils.waitForFxEvents();
        services.close();
    }
}
