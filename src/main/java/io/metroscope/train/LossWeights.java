package io.metroscope.train;

/**
 * Loss weights of METRO's training scripts: {@code joints3d} ({@code --joints_loss_weight}), {@code vertices}
 * ({@code --vertices_loss_weight}), {@code joints2d} (the official code reuses the vertex weight for the 2D term),
 * and the per-level vertex weights {@code coarse} ({@code vloss_w_sub2} / hand sub), {@code mid}
 * ({@code vloss_w_sub}) and {@code full} ({@code vloss_w_full}).
 */
public record LossWeights(double joints3d, double vertices, double joints2d, double coarse, double mid, double full) {

    /** {@code run_metro_bodymesh.py} defaults: 1000, 100, 100 and 0.33 / 0.33 / 0.33. */
    public static LossWeights body() {
        return new LossWeights(1000, 100, 100, 0.33, 0.33, 0.33);
    }

    /** {@code run_metro_handmesh.py} defaults: 1, 1, 1 and 0.5 (coarse 195) / 0.5 (full 778). */
    public static LossWeights hand() {
        return new LossWeights(1, 1, 1, 0.5, 0, 0.5);
    }

    public static LossWeights of(io.metroscope.model.MeshKind kind) {
        return kind == io.metroscope.model.MeshKind.BODY ? body() : hand();
    }
}
