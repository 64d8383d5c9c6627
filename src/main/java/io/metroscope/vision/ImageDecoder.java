package io.metroscope.vision;

import io.metroscope.format.FormatException;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes image files into {@link RgbImage}s with the pixels Pillow's {@code Image.open(f).convert('RGB')} gives.
 *
 * <p>PNG, greyscale/RGB JPEG and the other formats go through OpenCV's codecs (its libjpeg-turbo decodes baseline
 * JPEGs bit-exactly like Pillow's: ISLOW IDCT, fancy upsampling). Four-component (CMYK/YCCK) JPEGs go through
 * javax.imageio's raw raster, because OpenCV's own CMYK→RGB rounding differs from Pillow's by up to 2 levels.
 * Alpha is dropped without compositing and palettes are expanded, as {@code convert('RGB')} does.
 */
public final class ImageDecoder {

    private static final String FIX_NOT_IMAGE = "choose a PNG or JPEG image (BMP, TIFF and WebP also work)";
    private static final String FIX_DAMAGED = "the file is incomplete or damaged: copy or export it again";

    private ImageDecoder() {
    }

    /** Decodes with {@link DecodeOptions#forUsers()}. */
    public static RgbImage decode(Path file) throws FormatException {
        return decode(file, DecodeOptions.forUsers());
    }

    /** Decodes a file; every failure is a {@link FormatException} naming the file and a fix. */
    public static RgbImage decode(Path file, DecodeOptions options) throws FormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FormatException(file, "no such file", "check the path", e);
        } catch (IOException e) {
            throw new FormatException(file, "cannot read the file (" + e.getMessage() + ")",
                    "check that it exists and is readable", e);
        }
        return decode(bytes, file, options);
    }

    /** Decodes encoded bytes; {@code name} is only used in messages (may be null). */
    public static RgbImage decode(byte[] bytes, Path name, DecodeOptions options) throws FormatException {
        if (bytes.length == 0) {
            throw new FormatException(name, "the file is empty", FIX_NOT_IMAGE);
        }
        ImageContainer info = ImageContainer.inspect(bytes);
        if (info.format() != ImageContainer.Format.OTHER && !info.complete()) {
            throw new FormatException(name, "the " + info.format() + " data is truncated (no end marker)",
                    FIX_DAMAGED);
        }
        RgbImage image = info.format() == ImageContainer.Format.JPEG && info.jpegComponents() == 4
                ? decodeFourComponentJpeg(bytes, name, info)
                : decodeWithOpenCv(bytes, name, info, options);
        return options.applyExifOrientation() ? ExifOrientation.apply(image, info.exifOrientation()) : image;
    }

    private static RgbImage decodeWithOpenCv(byte[] bytes, Path name, ImageContainer info, DecodeOptions options)
            throws FormatException {
        OpenCvRuntime.load();
        Mat mat;
        MatOfByte buffer = new MatOfByte(bytes);
        try {
            // UNCHANGED: keep 16 bits and alpha so the conversion below decides, and no automatic EXIF rotation.
            mat = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED);
        } catch (RuntimeException e) {
            throw new FormatException(name, "not a readable image (" + e.getMessage() + ")", FIX_NOT_IMAGE, e);
        } finally {
            buffer.release();
        }
        try {
            if (mat.empty()) {
                String problem = info.format() == ImageContainer.Format.OTHER
                        ? "not an image file, or a format OpenCV cannot read"
                        : "the " + info.format() + " data is damaged and cannot be decoded";
                throw new FormatException(name, problem,
                        info.format() == ImageContainer.Format.OTHER ? FIX_NOT_IMAGE : FIX_DAMAGED);
            }
            boolean grey16 = info.format() == ImageContainer.Format.PNG && info.pngColorType() == 0
                    && info.pngBitDepth() == 16;
            return fromMat(mat, name, grey16 ? options.greyscale16() : DecodeOptions.Grey16.HIGH_BYTE);
        } finally {
            mat.release();
        }
    }

    private static RgbImage fromMat(Mat mat, Path name, DecodeOptions.Grey16 grey16) throws FormatException {
        int w = mat.cols();
        int h = mat.rows();
        int ch = mat.channels();
        int depth = CvType.depth(mat.type());
        if ((depth != CvType.CV_8U && depth != CvType.CV_16U) || (ch != 1 && ch != 3 && ch != 4)) {
            throw new FormatException(name, "unsupported pixel layout " + CvType.typeToString(mat.type()),
                    "convert the image to 8-bit RGB (PNG or JPEG)");
        }
        int n = w * h;
        int[] values = new int[n * ch];
        if (depth == CvType.CV_8U) {
            byte[] raw = new byte[n * ch];
            mat.get(0, 0, raw);
            for (int i = 0; i < raw.length; i++) {
                values[i] = raw[i] & 0xFF;
            }
        } else {
            short[] raw = new short[n * ch];
            mat.get(0, 0, raw);
            for (int i = 0; i < raw.length; i++) {
                int v = raw[i] & 0xFFFF;
                // Pillow takes the high byte of 16-bit colour, but clips 16-bit grey (mode I) at 255.
                values[i] = grey16 == DecodeOptions.Grey16.PILLOW_CLIP ? Math.min(v, 255) : v >> 8;
            }
        }
        byte[] rgb = new byte[n * 3];
        for (int p = 0; p < n; p++) {
            int s = p * ch;
            int d = p * 3;
            if (ch == 1) {
                byte v = (byte) values[s];
                rgb[d] = v;
                rgb[d + 1] = v;
                rgb[d + 2] = v;
            } else { // OpenCV orders colour BGR(A); alpha is dropped like convert('RGB') does
                rgb[d] = (byte) values[s + 2];
                rgb[d + 1] = (byte) values[s + 1];
                rgb[d + 2] = (byte) values[s];
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static RgbImage decodeFourComponentJpeg(byte[] bytes, Path name, ImageContainer info)
            throws FormatException {
        Raster raster;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (!readers.hasNext()) {
                throw new FormatException(name, "no JPEG reader for CMYK images in this Java runtime",
                        "convert the image to RGB");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                // A raster is the decoded samples without colour conversion: stored CMYK or YCCK.
                raster = reader.readRaster(0, null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FormatException fe) {
                throw fe;
            }
            throw new FormatException(name, "the CMYK JPEG cannot be decoded (" + e.getMessage() + ")",
                    FIX_DAMAGED, e);
        }
        if (raster.getNumBands() != 4) {
            throw new FormatException(name, "expected 4 colour components, the decoder gave "
                    + raster.getNumBands(), "convert the image to RGB");
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
        boolean ycck = info.adobeTransform() == 2;
        byte[] rgb = new byte[w * h * 3];
        int[] cmy = new int[3];
        for (int p = 0; p < w * h; p++) {
            int s = p * 4;
            if (ycck) {
                PillowColor.ycckToStoredCmy(samples[s], samples[s + 1], samples[s + 2], cmy);
            } else {
                cmy[0] = samples[s];
                cmy[1] = samples[s + 1];
                cmy[2] = samples[s + 2];
            }
            // Pillow reads every CMYK JPEG as Adobe-inverted ("CMYK;I"), then converts with cmyk2rgb.
            int k = 255 - samples[s + 3];
            for (int c = 0; c < 3; c++) {
                rgb[p * 3 + c] = (byte) PillowColor.cmykToRgbChannel(255 - cmy[c], k);
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
