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
 * @param smplModel   the SMPL body model file (e.g. SMPL_NEUTRAL.pkl) as an absolute path, or null when not set;
 *                    referenced only, never copied (the file is licence-gated)
 * @param manoModel   the MANO hand model file (MANO_RIGHT.pkl), likewise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int version, Theme theme, String device, WindowGeometry window, List<String> recentFiles,
        String smplModel, String manoModel) {

    /** How many recent files are kept. */
    public static final int MAX_RECENT = 10;
    /** The schema version written by this build. */
    public static final int CURRENT_VERSION = 1;

    public Settings {
        theme = theme == null ? Theme.LIGHT : theme;
        device = device == null || device.isBlank() ? "auto" : device;
        window = window == null ? WindowGeometry.DEFAULT : window;
        recentFiles = recentFiles == null ? List.of() : List.copyOf(recentFiles);
        smplModel = smplModel == null || smplModel.isBlank() ? null : smplModel;
        manoModel = manoModel == null || manoModel.isBlank() ? null : manoModel;
    }

    /** What a first start uses. */
    public static Settings defaults() {
        return new Settings(CURRENT_VERSION, Theme.LIGHT, "auto", WindowGeometry.DEFAULT, List.of(), null, null);
    }

    public Settings withTheme(Theme newTheme) {
        return new Settings(version, newTheme, device, window, recentFiles, smplModel, manoModel);
    }

    public Settings withDevice(String newDevice) {
        return new Settings(version, theme, newDevice, window, recentFiles, smplModel, manoModel);
    }

    public Settings withWindow(WindowGeometry newWindow) {
        return new Settings(version, theme, device, newWindow, recentFiles, smplModel, manoModel);
    }

    /** Puts {@code file} first in the recent list, without duplicates, keeping at most {@link #MAX_RECENT}. */
    public Settings withRecentFile(String file) {
        Objects.requireNonNull(file);
        List<String> list = new ArrayList<>(recentFiles);
        list.remove(file);
        list.add(0, file);
        return new Settings(version, theme, device, window, list.subList(0, Math.min(MAX_RECENT, list.size())), smplModel,
                manoModel);
    }

    /** Removes a recent file, e.g. one that no longer exists. */
    public Settings withoutRecentFile(String file) {
        List<String> list = new ArrayList<>(recentFiles);
        list.remove(file);
        return new Settings(version, theme, device, window, list, smplModel, manoModel);
    }

    /** An empty recent list. */
    public Settings withRecentCleared() {
        return new Settings(version, theme, device, window, List.of(), smplModel, manoModel);
    }

    /** The SMPL model file to use from now on; null clears it. */
    public Settings withSmplModel(String file) {
        return new Settings(version, theme, device, window, recentFiles, file, manoModel);
    }

    /** The MANO model file to use from now on; null clears it. */
    public Settings withManoModel(String file) {
        return new Settings(version, theme, device, window, recentFiles, smplModel, file);
    }
}
