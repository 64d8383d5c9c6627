package io.metroscope.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.format.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes {@link Settings} as JSON in the config directory; writes are atomic. */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path configDir) {
        this.file = configDir.resolve("settings.json");
    }

    /** The settings file. */
    public Path file() {
        return file;
    }

    /**
     * The saved settings, or defaults when there are none. A corrupt file is kept aside as
     * {@code settings.json.corrupt} (so nothing is lost) and defaults are used.
     */
    public Settings load() {
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        try {
            return json.readValue(file.toFile(), Settings.class);
        } catch (IOException e) {
            Path aside = file.resolveSibling("settings.json.corrupt");
            LOG.warn("{} is unreadable ({}); kept it as {} and started with default settings", file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveError) {
                LOG.warn("Could not move {} aside: {}", file, moveError.getMessage());
            }
            return Settings.defaults();
        }
    }

    /** Writes through a temporary file and an atomic rename, so a crash never leaves half a file. */
    public void save(Settings settings) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, out -> json.writeValue(out, settings));
    }
}
