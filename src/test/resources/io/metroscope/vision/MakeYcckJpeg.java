// Writes ycck.jpg: a 24x16 YCCK JPEG (Adobe transform 2), which javax.imageio's writer produces by default for a
// CMYK BufferedImage (Pillow cannot write YCCK). Its bytes are pasted into make_pillow_expectations.py.
// Run: java MakeYcckJpeg.java   (single-file launch; this resource is not compiled by Maven)
import java.awt.color.ColorSpace;
import java.awt.image.*;
import java.awt.Transparency;
import javax.imageio.*;
import java.io.*;
import java.nio.file.*;

public class MakeYcckJpeg {
    static class Cmyk extends ColorSpace {
        Cmyk() { super(ColorSpace.TYPE_CMYK, 4); }
        public float[] toRGB(float[] v) { float k = 1 - v[3]; return new float[] {(1 - v[0]) * k, (1 - v[1]) * k, (1 - v[2]) * k}; }
        public float[] fromRGB(float[] rgb) { return new float[] {1 - rgb[0], 1 - rgb[1], 1 - rgb[2], 0}; }
        public float[] toCIEXYZ(float[] v) { return ColorSpace.getInstance(ColorSpace.CS_sRGB).toCIEXYZ(toRGB(v)); }
        public float[] fromCIEXYZ(float[] v) { return fromRGB(ColorSpace.getInstance(ColorSpace.CS_sRGB).fromCIEXYZ(v)); }
    }
    public static void main(String[] a) throws Exception {
        int w = 24, h = 16;
        ComponentColorModel cm = new ComponentColorModel(new Cmyk(), false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int[] px = new int[4];
            for (int c = 0; c < 3; c++) px[c] = 255 - ((x * 37 + y * 91 + c * 53 + x * y * 7) % 256);
            px[3] = (x * 9) % 200;
            r.setPixel(x, y, px);
        }
        BufferedImage img = new BufferedImage(cm, r, false, null);
        ImageWriter wr = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            wr.setOutput(ios);
            ImageWriteParam p = wr.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.95f);
            wr.write(null, new IIOImage(img, null, null), p);
        }
        Files.write(Path.of("ycck.jpg"), out.toByteArray());
        System.out.println(out.size());
    }
}
