package io.metroscope.ui;

import io.metroscope.platform.DeviceSpec;
import io.metroscope.settings.Theme;
import java.nio.file.Path;

/** What the menu bar can ask the main window to do. */
interface ShellActions {
    void openImage();

    void openFolder();

    void openVideo();

    void openWebcam();

    void openModel();

    void openRecent(Path file);

    void clearRecent();

    void export();

    void quit();

    void showWorkspace(Workspace workspace);

    void setTheme(Theme theme);

    void resetLayout();

    void showBodyModelFiles();

    void setDevice(DeviceSpec device);

    void showShortcuts();

    void showAbout();
}
