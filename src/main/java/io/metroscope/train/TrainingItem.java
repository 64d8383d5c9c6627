package io.metroscope.train;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The labels of one training item as stored in a training folder's {@code labels/NNNNNN.npz} (see README,
 * "Training folder format"). Float arrays are flat row-major; joints are in the folder's token joint order.
 *
 * @param index          the item's number
 * @param image          its image file
 * @param imageSize      the square crop's side in pixels
 * @param joints3d       J×3 token joints, metres, minus {@code root}
 * @param joints2d       J×3 [x, y, visibility]: x, y in [-1, 1] crop coordinates, visibility 1 or 0
 * @param joints2dPixels J×2 the same joints in crop pixels ({@code (x + 1)·size/2})
 * @param verticesFull   V×3 full mesh, minus {@code root}
 * @param verticesMid    mid level (body 1723×3; empty for the hand)
 * @param verticesCoarse coarse level (431×3 / 195×3)
 * @param root           the root joint subtracted (H36M pelvis / wrist regressed from the mesh)
 * @param camera         [s, tx, ty]: {@code x2d = s·(x + tx)}, {@code y2d = s·(y + ty)}
 * @param pose           K×3 axis-angle of the rig (empty when unknown)
 * @param betas          shape coefficients (empty when unknown)
 * @param occluderMask   size×size, 1 where an occluder covers the crop
 * @param hasJoints3d    whether {@code joints3d} is ground truth
 * @param hasJoints2d    whether {@code joints2d} is ground truth
 * @param hasMesh        whether the vertices, pose and betas are ground truth
 * @param joints3dConfidence J per-joint weights of the 3D joint loss (METRO's 4th 3D-joint column); empty: all 1
 */
public record TrainingItem(int index, Path image, int imageSize, float[] joints3d, float[] joints2d,
                           float[] joints2dPixels, float[] verticesFull, float[] verticesMid, float[] verticesCoarse,
                           float[] root, float[] camera, float[] pose, float[] betas, byte[] occluderMask,
                           boolean hasJoints3d, boolean hasJoints2d, boolean hasMesh, float[] joints3dConfidence) {

    /** An item whose 3D joints all count fully. */
    public TrainingItem(int index, Path image, int imageSize, float[] joints3d, float[] joints2d,
            float[] joints2dPixels, float[] verticesFull, float[] verticesMid, float[] verticesCoarse, float[] root,
            float[] camera, float[] pose, float[] betas, byte[] occluderMask, boolean hasJoints3d,
            boolean hasJoints2d, boolean hasMesh) {
        this(index, image, imageSize, joints3d, joints2d, joints2dPixels, verticesFull, verticesMid, verticesCoarse,
                root, camera, pose, betas, occluderMask, hasJoints3d, hasJoints2d, hasMesh, new float[0]);
    }

    /** The 3D loss weight of joint {@code j}. */
    public float confidence3d(int j) {
        return joints3dConfidence.length == 0 ? 1f : joints3dConfidence[j];
    }

    public int jointCount() {
        return joints3d.length / 3;
    }

    /** Whether joint {@code j} is visible (inside the crop and not under an occluder). */
    public boolean visible(int j) {
        return joints2d[3 * j + 2] > 0.5f;
    }

    /** How many 2D joints are hidden (under an occluder or outside the crop). */
    public int hiddenJointCount() {
        int hidden = 0;
        for (int j = 0; j < joints2d.length / 3; j++) {
            hidden += visible(j) ? 0 : 1;
        }
        return hidden;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingItem t && index == t.index && imageSize == t.imageSize
                && java.util.Objects.equals(image, t.image) && Arrays.equals(joints3d, t.joints3d)
                && Arrays.equals(joints2d, t.joints2d) && Arrays.equals(joints2dPixels, t.joints2dPixels)
                && Arrays.equals(verticesFull, t.verticesFull) && Arrays.equals(verticesMid, t.verticesMid)
                && Arrays.equals(verticesCoarse, t.verticesCoarse) && Arrays.equals(root, t.root)
                && Arrays.equals(camera, t.camera) && Arrays.equals(pose, t.pose) && Arrays.equals(betas, t.betas)
                && Arrays.equals(occluderMask, t.occluderMask) && hasJoints3d == t.hasJoints3d
                && hasJoints2d == t.hasJoints2d && hasMesh == t.hasMesh
                && Arrays.equals(joints3dConfidence, t.joints3dConfidence);
    }

    @Override
    public int hashCode() {
        return 31 * index + Arrays.hashCode(joints3d);
    }

    @Override
    public String toString() {
        return "TrainingItem[" + index + ", " + jointCount() + " joints, " + verticesFull.length / 3 + " vertices]";
    }
}
