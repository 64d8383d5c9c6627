package io.metroscope.annotate;

import io.metroscope.jobs.JobContext;
import io.metroscope.recon.Reconstruction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reconstructs images with a loaded model (the app passes {@link io.metroscope.recon.ReconstructionService} with
 * its model; tests pass a small random-weight model). Returns one reconstruction per image, in order.
 */
@FunctionalInterface
public interface ImageReconstructor {

    List<Reconstruction> reconstruct(List<Path> images, JobContext context) throws IOException;
}
