package io.metroscope.ui;

import io.metroscope.platform.DeviceSpec;
import io.metroscope.settings.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The menu bar, with a keyboard shortcut on every item. */
final class MainMenu extends MenuBar {

    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
        KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};

    private final ShellActions actions;
    private final Menu recent = new Menu("Open Recent");
    private final MenuItem export;
    private final ToggleGroup themes = new ToggleGroup();
    private final ToggleGroup devices = new ToggleGroup();
    private final Menu deviceMenu = new Menu("Compute Device");
    private DeviceSpec currentDevice;

    MainMenu(ShellActions actions) {
        this.actions = actions;
        setId("menu-bar");
        recent.setId("menu-recent");
        export = item("Export…", "menu-export", shortcut(KeyCode.E), actions::export);
        export.setDisable(true);
        Menu file = new Menu("File", null,
                item("Open Image…", "menu-open-image", shortcut(KeyCode.O), actions::openImage),
                item("Open Folder…", "menu-open-folder", shortcutShift(KeyCode.O), actions::openFolder),
                item("Open Video…", "menu-open-video", shortcutShift(KeyCode.V), actions::openVideo),
                item("Open Webcam…", "menu-open-webcam", shortcutShift(KeyCode.W), actions::openWebcam),
                item("Open Model…", "menu-open-model", shortcut(KeyCode.M), actions::openModel),
                recent,
                new SeparatorMenuItem(),
                export,
                new SeparatorMenuItem(),
                item("Quit", "menu-quit", shortcut(KeyCode.Q), actions::quit));
        file.setId("menu-file");

        Menu view = new Menu("View");
        view.setId("menu-view");
        for (Workspace w : Workspace.values()) {
            view.getItems().add(item(w.title(), "menu-show-" + w.name().toLowerCase(java.util.Locale.ROOT),
                    shortcut(DIGITS[w.ordinal()]), () -> actions.showWorkspace(w)));
        }
        view.getItems().add(new SeparatorMenuItem());
        view.getItems().add(radio("Light Theme", "menu-theme-light", shortcutShift(KeyCode.L), themes,
                () -> actions.setTheme(Theme.LIGHT)));
        view.getItems().add(radio("Dark Theme", "menu-theme-dark", shortcutShift(KeyCode.D), themes,
                () -> actions.setTheme(Theme.DARK)));
        view.getItems().add(new SeparatorMenuItem());
        deviceMenu.setId("menu-device");
        view.getItems().add(deviceMenu);
        view.getItems().add(new SeparatorMenuItem());
        view.getItems().add(item("Body Model Files…", "menu-body-models", shortcutShift(KeyCode.B),
                actions::showBodyModelFiles));
        view.getItems().add(item("Reset Layout", "menu-reset-layout", shortcutShift(KeyCode.R), actions::resetLayout));
        setGpuCount(0);

        Menu help = new Menu("Help", null,
                item("Keyboard Shortcuts", "menu-shortcuts", new KeyCodeCombination(KeyCode.F1), actions::showShortcuts),
                item("About Metroscope", "menu-about", new KeyCodeCombination(KeyCode.F1, KeyCombination.SHIFT_DOWN),
                        actions::showAbout));
        help.setId("menu-help");
        getMenus().addAll(file, view, help);
    }

    /** Rebuilds Open Recent from the most recent first list. */
    void setRecent(List<String> files) {
        recent.getItems().clear();
        for (int i = 0; i < files.size(); i++) {
            Path p = Path.of(files.get(i));
            KeyCombination key = i < DIGITS.length
                    ? new KeyCodeCombination(DIGITS[i], KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN) : null;
            MenuItem it = item(p.getFileName() + "  —  " + p.getParent(), "menu-recent-" + i, key,
                    () -> actions.openRecent(p));
            recent.getItems().add(it);
        }
        if (!files.isEmpty()) {
            recent.getItems().add(new SeparatorMenuItem());
        }
        MenuItem clear = item("Clear Recent", "menu-recent-clear",
                new KeyCodeCombination(KeyCode.BACK_SPACE, KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN),
                actions::clearRecent);
        clear.setDisable(files.isEmpty());
        recent.getItems().add(clear);
    }

    /** Offers Auto, CPU, and one entry per GPU the engine found. */
    void setGpuCount(int gpus) {
        deviceMenu.getItems().clear();
        devices.getToggles().clear();
        deviceMenu.getItems().add(radio("Auto (GPU when present)", "menu-device-auto",
                shortcutAlt(KeyCode.A), devices, () -> actions.setDevice(DeviceSpec.AUTO)));
        deviceMenu.getItems().add(radio("CPU", "menu-device-cpu", shortcutAlt(KeyCode.C), devices,
                () -> actions.setDevice(DeviceSpec.CPU)));
        for (int i = 0; i < gpus; i++) {
            int index = i;
            KeyCombination key = i < DIGITS.length ? new KeyCodeCombination(DIGITS[i], KeyCombination.SHORTCUT_DOWN,
                    KeyCombination.ALT_DOWN, KeyCombination.SHIFT_DOWN) : null;
            deviceMenu.getItems().add(radio("GPU " + i, "menu-device-gpu-" + i, key, devices,
                    () -> actions.setDevice(DeviceSpec.gpu(index))));
        }
        if (currentDevice != null) {
            selectDevice(currentDevice);
        }
    }

    void selectTheme(Theme theme) {
        select(themes, theme == Theme.DARK ? "menu-theme-dark" : "menu-theme-light");
    }

    void selectDevice(DeviceSpec spec) {
        currentDevice = spec;
        select(devices, switch (spec.kind()) {
            case AUTO -> "menu-device-auto";
            case CPU -> "menu-device-cpu";
            case GPU -> "menu-device-gpu-" + spec.gpuIndex();
        });
    }

    /** Enables Export once there is something to export. */
    void setExportAvailable(boolean available) {
        export.setDisable(!available);
    }

    /** Every item that has a shortcut, in menu order, for the shortcuts sheet. */
    List<MenuItem> itemsWithShortcuts() {
        List<MenuItem> out = new ArrayList<>();
        getMenus().forEach(m -> collect(m, out));
        return out;
    }

    private static void collect(Menu menu, List<MenuItem> out) {
        for (MenuItem it : menu.getItems()) {
            if (it instanceof Menu sub) {
                collect(sub, out);
            } else if (it.getAccelerator() != null) {
                out.add(it);
            }
        }
    }

    private static void select(ToggleGroup group, String id) {
        group.getToggles().stream().map(RadioMenuItem.class::cast).filter(r -> id.equals(r.getId())).findFirst()
                .ifPresent(r -> r.setSelected(true));
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem it = new MenuItem(text);
        configure(it, id, key, action);
        return it;
    }

    private static RadioMenuItem radio(String text, String id, KeyCombination key, ToggleGroup group,
            Runnable action) {
        RadioMenuItem it = new RadioMenuItem(text);
        it.setToggleGroup(group);
        configure(it, id, key, action);
        return it;
    }

    private static void configure(MenuItem it, String id, KeyCombination key, Runnable action) {
        it.setId(id);
        it.setMnemonicParsing(false);
        if (key != null) {
            it.setAccelerator(key);
        }
        it.setOnAction(e -> action.run());
    }

    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination shortcutShift(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    private static KeyCombination shortcutAlt(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN);
    }
}
