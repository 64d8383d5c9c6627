package io.metroscope.annotate;

import io.metroscope.jobs.JobContext;
import io.metroscope.recon.OfficialImageInputs;
import io.metroscope.recon.Reconstruction;
import io.metroscope.recon.ReconstructionModel;
import io.metroscope.recon.ReconstructionService;
import io.metroscope.recon.RunOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reconstructs images with a loaded model: one reconstruction per image, in order. The app passes a
 * {@link ReconstructionService} with its model ({@link #of}); tests may pass any model, such as a small random-weight
 * one.
 */
@FunctionalInterface
public interface ImageReconstructor {

    List<Reconstruction> reconstruct(List<Path> images, JobContext context) throws IOException;

    /**
     * {@code model} through {@code service} on the caller's (background) thread, images decoded as the image view
     * shows them ({@link ImageFacts#decodeOptions()}) and cropped as the Reconstruct workspace does.
     */
    static ImageReconstructor of(ReconstructionService service, ReconstructionModel model) {
        return of(service, model, RunOptions.defaults());
    }

    /** {@link #of(ReconstructionService, ReconstructionModel)} run with {@code options} (e.g. flip averaging). */
    static ImageReconstructor of(ReconstructionService service, ReconstructionModel model, RunOptions options) {
        OfficialImageInputs inputs = new OfficialImageInputs(ImageFacts.decodeOptions());
        return (images, context) -> service.reconstructNow(model, inputs.read(images), options, context);
    }
}
