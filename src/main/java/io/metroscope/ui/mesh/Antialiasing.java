package io.metroscope.ui.mesh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.scene.SceneAntialiasing;

/**
 * Chooses multisampling for the 3D views. On a software OpenGL renderer (Mesa llvmpipe: no GPU device node) 4×
 * multisampling multiplies the fragment work the CPU does for every frame, which stalls the FX thread while a
 * model runs on the same cores; there it is off unless asked for. {@code -Dmetroscope.msaa=on|off|auto} overrides.
 */
public final class Antialiasing {

    /** The system property that overrides the choice: {@code on}, {@code off} or {@code auto} (the default). */
    public static final String PROPERTY = "metroscope.msaa";

    private Antialiasing() {
    }

    /** What the 3D views are created with. */
    public static SceneAntialiasing forThisMachine() {
        return choose(System.getProperty(PROPERTY, "auto"), hasGpuDevice(Path.of("/dev")));
    }

    /** {@code setting} as the property takes it; {@code gpuDevice} whether a hardware renderer can be present. */
    static SceneAntialiasing choose(String setting, boolean gpuDevice) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> SceneAntialiasing.BALANCED;
            case "off", "false" -> SceneAntialiasing.DISABLED;
            case "auto", "" -> gpuDevice ? SceneAntialiasing.BALANCED : SceneAntialiasing.DISABLED;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + setting
                    + " is not understood: use on, off or auto");
        };
    }

    /** A DRM render node or an NVIDIA device under {@code dev}: hardware OpenGL is possible (Linux). */
    static boolean hasGpuDevice(Path dev) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        if (Files.exists(dev.resolve("nvidia0"))) {
            return true;
        }
        Path dri = dev.resolve("dri");
        if (!Files.isDirectory(dri)) {
            return false;
        }
        try (Stream<Path> nodes = Files.list(dri)) {
            return nodes.anyMatch(p -> p.getFileName().toString().startsWith("renderD"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
