package io.metroscope.annotate;

import io.metroscope.format.FormatException;
import io.metroscope.vision.CropTransform;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.OfficialTransforms;
import io.metroscope.vision.RgbImage;
import java.util.Arrays;

/**
 * What a refit fits: the network input (3×224×224, ImageNet-normalised) cut from the item's crop, that crop (to
 * measure errors in image pixels), the corrected 2D joints (only visible ones count) and, optionally, root-centred
 * 3D joints (J×3 metres) the fit should also reach.
 */
public record RefitRequest(float[] input, CropTransform crop, Joints2d joints, float[] joints3d) {

    /** The network's input side. */
    public static final int SIZE = 224;

    public RefitRequest {
        if (input.length != 3 * SIZE * SIZE) {
            throw new IllegalArgumentException("the input must be 3×224×224, got " + input.length + " values");
        }
        if (joints3d != null && joints3d.length != 3 * joints.count()) {
            throw new IllegalArgumentException(joints.count() + " 2D joints but " + joints3d.length / 3
                    + " 3D joints");
        }
        input = input.clone();
        joints3d = joints3d == null ? null : joints3d.clone();
    }

    /**
     * The request for an item as it is now: its image cut at its crop, its corrected 2D joints, and its 3D joints
     * when the mesh was edited in 3D (an unedited mesh's joints are only the model's own guess, not a target).
     */
    public static RefitRequest forItem(ItemSnapshot s) throws FormatException {
        RgbImage image = ImageDecoder.decode(s.imageFile(), ImageFacts.decodeOptions());
        float[] input = OfficialTransforms.toNormalizedChw(CropSampler.sample(image, s.item().crop(), SIZE));
        MeshState mesh = s.mesh();
        boolean edited3d = !Arrays.equals(mesh.currentVertices(), mesh.originalVertices());
        return new RefitRequest(input, s.item().crop(), s.joints(), edited3d ? mesh.joints3d() : null);
    }

    @Override
    public float[] input() {
        return input.clone();
    }

    @Override
    public float[] joints3d() {
        return joints3d == null ? null : joints3d.clone();
    }
}
