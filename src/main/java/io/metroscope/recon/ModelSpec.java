package io.metroscope.recon;

import io.metroscope.model.MetroArchitecture;
import io.metroscope.platform.DeviceSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to load: a METRO checkpoint, its template, attention heads per block (not stored in the weights), the
 * compute device, whether missing tensors are tolerated (left at zero, reported), and whether to run one
 * warm-up forward after loading so the first real call is not slowed by lazy native initialisation.
 */
public record ModelSpec(Path checkpoint, TemplateSource template, int heads, DeviceSpec device, boolean allowMissing,
        boolean warmUp) {

    public ModelSpec {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(device, "device");
        if (heads <= 0) {
            throw new IllegalArgumentException("heads must be positive: " + heads);
        }
    }

    /**
     * What the user calls this model: a bundle folder's name (its weights file is always {@code weights.bin}),
     * else the checkpoint's file name.
     */
    public String displayName() {
        Path parent = checkpoint.toAbsolutePath().getParent();
        if (parent != null && parent.getFileName() != null
                && java.nio.file.Files.isRegularFile(parent.resolve(ModelBundles.FOLDER_MANIFEST))) {
            return parent.getFileName().toString();
        }
        return checkpoint.getFileName().toString();
    }

    /** 4 heads, {@code auto} device, complete checkpoints only, with warm-up. */
    public static ModelSpec of(Path checkpoint, TemplateSource template) {
        return new ModelSpec(checkpoint, template, MetroArchitecture.DEFAULT_HEADS, DeviceSpec.AUTO, false, true);
    }

    public ModelSpec withDevice(DeviceSpec newDevice) {
        return new ModelSpec(checkpoint, template, heads, newDevice, allowMissing, warmUp);
    }

    public ModelSpec withHeads(int newHeads) {
        return new ModelSpec(checkpoint, template, newHeads, device, allowMissing, warmUp);
    }

    public ModelSpec withWarmUp(boolean newWarmUp) {
        return new ModelSpec(checkpoint, template, heads, device, allowMissing, newWarmUp);
    }
}
