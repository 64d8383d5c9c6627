package io.metroscope.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The user's preferences that survive a restart.
 *
 * @param device the compute device request, as {@code auto}, {@code cpu} or {@code gpu:N}
 * @param recentFiles most recent first, absolute paths
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int version, Theme theme, String device, WindowGeometry window, List<String> recentFiles) {

    /** How many recent files are kept. */
    public static final int MAX_RECENT = 10;
    /** The schema version written by this build. */
    public static final int CURRENT_VERSION = 1;

    public Settings {
        theme = theme == null ? Theme.LIGHT : theme;
        device = device == null || device.isBlank() ? "auto" : device;
        window = window == null ? WindowGeometry.DEFAULT : window;
        recentFiles = recentFiles == null ? List.of() : List.copyOf(recentFiles);
    }

    /** What a first start uses. */
    public static Settings defaults() {
        return new Settings(CURRENT_VERSION, Theme.LIGHT, "auto", WindowGeometry.DEFAULT, List.of());
    }

    public Settings withTheme(Theme newTheme) {
        return new Settings(version, newTheme, device, window, recentFiles);
    }

    public Settings withDevice(String newDevice) {
        return new Settings(version, theme, newDevice, window, recentFiles);
    }

    public Settings withWindow(WindowGeometry newWindow) {
        return new Settings(version, theme, device, newWindow, recentFiles);
    }

    /** Puts {@code file} first in the recent list, without duplicates, keeping at most {@link #MAX_RECENT}. */
    public Settings withRecentFile(String file) {
        Objects.requireNonNull(file);
        List<String> list = new ArrayList<>(recentFiles);
        list.remove(file);
        list.add(0, file);
        return new Settings(version, theme, device, window, list.subList(0, Math.min(MAX_RECENT, list.size())));
    }

    /** Removes a recent file, e.g. one that no longer exists. */
    public Settings withoutRecentFile(String file) {
        List<String> list = new ArrayList<>(recentFiles);
        list.remove(file);
        return new Settings(version, theme, device, window, list);
    }

    /** An empty recent list. */
    public Settings withRecentCleared() {
        return new Settings(version, theme, device, window, List.of());
    }
}
