package io.metroscope.annotate;

import io.metroscope.vision.CropTransform;

/**
 * An item about to be imported.
 *
 * @param imagePath      the image, relative to the project's folder ('/' separators)
 * @param imageSha256    SHA-256 of the image file
 * @param imageWidth     image width in pixels
 * @param imageHeight    image height in pixels
 * @param crop           where the square crop lies in the image
 * @param source         provenance of the mesh
 * @param estimatedError estimated error in mm, or null
 * @param vertices       V×3 mesh, metres, METRO's frame
 * @param joints3d       J×3 token joints of the mesh
 * @param camera         {@code [s, tx, ty]}
 * @param joints2d       2D joints in image pixels with visibility
 */
public record NewItem(String imagePath, String imageSha256, int imageWidth, int imageHeight, CropTransform crop,
        String source, Double estimatedError, float[] vertices, float[] joints3d, float[] camera, Joints2d joints2d) {
}
