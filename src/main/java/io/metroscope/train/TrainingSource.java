package io.metroscope.train;

import io.metroscope.vision.OfficialPreprocessing;

import java.io.IOException;

/** Random access to training examples (a training folder, or anything else that yields them). */
public interface TrainingSource {

    int size();

    TrainingSample get(int index) throws IOException;

    /**
     * Item {@code index} under augmentation {@code params}; by default the stored crop is resampled
     * ({@link SampleAugmenter}). Sources holding whole frames override this to crop with the augmentation instead.
     */
    default TrainingSample get(int index, AugmentParams params) throws IOException {
        return SampleAugmenter.apply(get(index), params);
    }

    /**
     * Items of a training folder ({@link TrainingFolder}), images through the official preprocessing (Resize(224)
     * on the shorter side + centre crop when the folder's crops are not 224 px, then ImageNet normalisation).
     */
    static TrainingSource of(TrainingFolder folder) {
        return of(folder, null);
    }

    /** {@link #of(TrainingFolder)} whose flips mirror the items' meshes through {@code meshFlip} (null: none). */
    static TrainingSource of(TrainingFolder folder, MeshFlip meshFlip) {
        return new TrainingSource() {
            @Override
            public int size() {
                return folder.size();
            }

            @Override
            public TrainingSample get(int index) throws IOException {
                float[] image = OfficialPreprocessing.centerCrop(folder.image(index)).input();
                return new TrainingSample(image, folder.item(index));
            }

            @Override
            public TrainingSample get(int index, AugmentParams params) throws IOException {
                return SampleAugmenter.apply(get(index), params, meshFlip);
            }
        };
    }

    /** The items of {@code source} at {@code indices}, in that order (e.g. the occluded subset of a test set). */
    static TrainingSource subset(TrainingSource source, int[] indices) {
        int[] picked = indices.clone();
        return new TrainingSource() {
            @Override
            public int size() {
                return picked.length;
            }

            @Override
            public TrainingSample get(int index) throws IOException {
                return source.get(picked[index]);
            }
        };
    }

    /** Indices of the items with at least {@code minHidden} hidden 2D joints. */
    static int[] occludedItems(TrainingSource source, int minHidden) throws IOException {
        java.util.stream.IntStream.Builder out = java.util.stream.IntStream.builder();
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).labels().hiddenJointCount() >= minHidden) {
                out.add(i);
            }
        }
        return out.build().toArray();
    }
}
