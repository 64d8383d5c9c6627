package io.metroscope.recon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns image files into the network's input: decoding and the official pre-processing (Resize(224),
 * CenterCrop(224), ImageNet normalisation) with each image's crop transform. Implemented by the vision module;
 * reconstruction never pre-processes pixels itself.
 */
@FunctionalInterface
public interface ImageInputs {

    /** Reads and pre-processes {@code images}, in order, into one batch. */
    InputBatch read(List<Path> images) throws IOException;
}
