package io.metroscope.cli;

import io.metroscope.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files a command writes where the user said: their folder is made before the work, so a bad place fails first. */
final class OutputFiles {

    private OutputFiles() {
    }

    /** Creates {@code file}'s folder if needed and checks that it may be written in; null stays null. */
    static Path prepare(Path file) throws FormatException {
        if (file == null) {
            return null;
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        if (Files.isDirectory(file)) {
            throw new FormatException(file, "it is a folder", "give a file name");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new FormatException(file, "its folder cannot be made (" + e.getMessage() + ")",
                    "choose a place you may write to", e);
        }
        if (!Files.isWritable(folder)) {
            throw new FormatException(file, "its folder " + folder + " is not writable",
                    "choose a place you may write to");
        }
        return file;
    }
}
