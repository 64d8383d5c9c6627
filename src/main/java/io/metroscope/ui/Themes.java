package io.metroscope.ui;

import io.metroscope.settings.Theme;
import java.util.Objects;
import javafx.scene.Scene;

/** Applies the light or dark stylesheet on top of the shared one. */
final class Themes {

    private Themes() {
    }

    static void apply(Scene scene, Theme theme) {
        scene.getStylesheets().setAll(css("base.css"), css(theme == Theme.DARK ? "dark.css" : "light.css"));
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(theme == Theme.DARK ? "theme-dark" : "theme-light");
    }

    private static String css(String name) {
        return Objects.requireNonNull(Themes.class.getResource(name), name).toExternalForm();
    }
}
