/**
 * Images in, network inputs out: decoding ({@link io.metroscope.vision.ImageDecoder}), Pillow's bilinear resize
 * ({@link io.metroscope.vision.PillowResize}), the official METRO transforms
 * ({@link io.metroscope.vision.OfficialPreprocessing}) and box crops ({@link io.metroscope.vision.BoxCropper}).
 *
 * <p>Video: {@link io.metroscope.vision.FrameSource} streams RGB frames from a video file
 * ({@link io.metroscope.vision.VideoFileSource}, bundled FFmpeg), a V4L2 camera
 * ({@link io.metroscope.vision.WebcamSource}, OpenCV), a recorded camera
 * ({@link io.metroscope.vision.RecordedWebcamSource}) or an image folder
 * ({@link io.metroscope.vision.ImageSequenceSource}); {@link io.metroscope.vision.FrameSources#forName} picks one.
 * {@link io.metroscope.vision.PersonDetector} (OpenCV HOG) finds the person to crop.
 *
 * <p>Parity notes (checked against {@code shared/fixtures/parity}, Pillow 9.4 / libjpeg-turbo 2.1.5):
 * <ul>
 *   <li>OpenCV 4.9's bundled libjpeg-turbo decodes the fixtures' JPEGs bit-exactly like Pillow (so does
 *       javax.imageio on these baseline files); resize, crop and normalisation are bit-exact, so
 *       {@code crop_rgb} and {@code input} match exactly.</li>
 *   <li>EXIF orientation: Pillow's {@code Image.open} ignores it and so does the official demo; users expect it
 *       applied. {@link io.metroscope.vision.DecodeOptions#officialParity()} ignores it,
 *       {@link io.metroscope.vision.DecodeOptions#forUsers()} applies it.</li>
 *   <li>16-bit greyscale PNG: Pillow clips to 255 (mode {@code I}); parity mode does too, user mode keeps the
 *       high byte. 16-bit colour PNGs keep the high byte in both (as Pillow does).</li>
 *   <li>Alpha is dropped, never composited (Pillow {@code convert('RGB')}); the official demo itself would fail on
 *       RGBA input.</li>
 * </ul>
 * Coordinates in {@link io.metroscope.vision.CropTransform} are continuous pixel coordinates (pixel centres at
 * +0.5).
 */
package io.metroscope.vision;
