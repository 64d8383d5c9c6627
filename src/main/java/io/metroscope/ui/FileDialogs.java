package io.metroscope.ui;

import io.metroscope.app.InputKind;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** File, folder and choice pickers, each starting where the user last was. */
final class FileDialogs {

    private final Window owner;

    FileDialogs(Window owner) {
        this.owner = owner;
    }

    Optional<List<Path>> chooseFiles(String title, InputKind kind, Path startIn) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        List<String> patterns = kind.extensions().stream().sorted().map(e -> "*." + e).toList();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(title.replace("Open ", "") + " files", patterns));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        if (startIn != null) {
            chooser.setInitialDirectory(startIn.toFile());
        }
        List<File> files = chooser.showOpenMultipleDialog(owner);
        return files == null || files.isEmpty() ? Optional.empty()
                : Optional.of(files.stream().map(File::toPath).toList());
    }

    Optional<Path> chooseFolder(String title, Path startIn) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (startIn != null) {
            chooser.setInitialDirectory(startIn.toFile());
        }
        File dir = chooser.showDialog(owner);
        return Optional.ofNullable(dir).map(File::toPath);
    }
}
