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
 * @param openDemo load the bundled body demo model and the sample images when no files are given
 */
public record GuiOptions(DeviceSpec deviceOverride, List<Path> files, boolean startupReport, boolean openDemo) {

    public GuiOptions {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Without the demo (tests and embedders start empty). */
    public GuiOptions(DeviceSpec deviceOverride, List<Path> files, boolean startupReport) {
        this(deviceOverride, files, startupReport, false);
    }
}
