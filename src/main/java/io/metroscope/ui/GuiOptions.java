package io.metroscope.ui;

import io.metroscope.platform.DeviceSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * How the window was asked to start.
 *
 * @param deviceOverride a device given on the command line, overriding the saved setting for this session; may be null
 * @param files files to open at start, routed as if dropped
 * @param startupReport print the time to a visible window and exit
 */
public record GuiOptions(DeviceSpec deviceOverride, List<Path> files, boolean startupReport) {

    public GuiOptions {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
