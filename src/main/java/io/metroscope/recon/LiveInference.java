package io.metroscope.recon;

import io.metroscope.jobs.JobContext;
import io.metroscope.vision.PreprocessedImage;
import java.util.List;
import java.util.function.BooleanSupplier;

/** One network forward for the live pipeline: a pre-processed 224×224 crop in, a reconstruction out. */
@FunctionalInterface
public interface LiveInference {

    /** Runs on the pipeline's inference thread; {@code cancelled} turns true when the pipeline stops. */
    Reconstruction infer(PreprocessedImage input, String label, BooleanSupplier cancelled) throws Exception;

    /** The real model through {@link ReconstructionService#reconstructNow}, one image per forward, no attention. */
    static LiveInference of(ReconstructionService service, ReconstructionModel model) {
        return of(service, model, new RunOptions(false, 1));
    }

    /** The real model run with {@code options} (one image per forward: live frames come one at a time). */
    static LiveInference of(ReconstructionService service, ReconstructionModel model, RunOptions options) {
        return (input, label, cancelled) -> {
            InputBatch batch = new InputBatch(input.input(), InputBatch.METRO_SIZE, InputBatch.METRO_SIZE,
                    List.of(new InputItem(label, input.cropToImage())));
            JobContext context = JobContext.cancelledWhen(cancelled);
            return service.reconstructNow(model, batch, options, context).get(0);
        };
    }
}
