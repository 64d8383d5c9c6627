package io.metroscope.annotate;

import ai.djl.Device;
import io.metroscope.recon.ReconstructionModel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The checkpoint a refit copies: the loaded model's weights file, its template tokens ({@code ref_vertices}),
 * heads per block and device. The copy is built from the file, so the loaded (folded, eval-only) model is never
 * touched.
 *
 * @param id a name for messages and provenance
 */
public record RefitModel(Path checkpoint, float[] refVertices, int heads, boolean allowMissing, Device device,
        String id) {

    public RefitModel {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(device, "device");
        refVertices = refVertices.clone();
    }

    /** The checkpoint the app's loaded model came from. */
    public static RefitModel of(ReconstructionModel model) {
        return new RefitModel(model.spec().checkpoint(), model.refVertices(), model.spec().heads(),
                model.spec().allowMissing(), model.device().device(), model.id());
    }

    @Override
    public float[] refVertices() {
        return refVertices.clone();
    }
}
