package io.metroscope.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Save dialog of every export: a title, the file types, a suggested name, and the chosen type's extension added
 * when the name typed has none (GTK's dialog does not add it, and exporters pick the format by extension).
 */
public final class SaveDialog {
    private SaveDialog() {
    }

    /** Asks where to save; empty when cancelled. The first filter is selected at first. */
    public static Optional<Path> ask(Window owner, String title, String suggestedName,
            List<FileChooser.ExtensionFilter> filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().setAll(filters);
        chooser.setSelectedExtensionFilter(filters.get(0));
        chooser.setInitialFileName(suggestedName);
        File f = chooser.showSaveDialog(owner);
        if (f == null) {
            return Optional.empty();
        }
        FileChooser.ExtensionFilter selected = chooser.getSelectedExtensionFilter();
        return Optional.of(withExtension(f.toPath(), selected != null ? selected : filters.get(0)));
    }

    /** One filter per pattern, named by its extension: {@code "*.png"} → "PNG". */
    public static List<FileChooser.ExtensionFilter> byPattern(String... patterns) {
        return Arrays.stream(patterns).map(p -> new FileChooser.ExtensionFilter(
                p.substring(p.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT), p)).toList();
    }

    /** {@code chosen}, with the filter's first extension appended when its name has no extension. */
    static Path withExtension(Path chosen, FileChooser.ExtensionFilter filter) {
        String name = chosen.getFileName().toString();
        String pattern = filter.getExtensions().get(0);
        if (name.contains(".") || !pattern.startsWith("*.")) {
            return chosen;
        }
        return chosen.resolveSibling(name + pattern.substring(1));
    }
}
