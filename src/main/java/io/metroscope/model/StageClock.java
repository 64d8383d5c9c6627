package io.metroscope.model;

/**
 * Told when a stage of a forward pass has finished ({@code "backbone"}, {@code "transformer"}, {@code "heads"}),
 * for per-stage timing. On the CPU the PyTorch engine runs every op eagerly, so a mark is a true boundary.
 */
@FunctionalInterface
public interface StageClock {

    StageClock NONE = stage -> {
    };

    void mark(String stage);
}
