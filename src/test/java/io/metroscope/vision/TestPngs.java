package io.metroscope.vision;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/** Writes minimal PNGs byte by byte, so tests control colour type, bit depth, palette and transparency. */
final class TestPngs {

    private TestPngs() {
    }

    /**
     * A PNG with filter type 0 on every row; {@code samples} are per row, channel-interleaved, in the bit depth
     * (8: one byte each, 16: big-endian pairs).
     */
    static byte[] png(int w, int h, int colorType, int bitDepth, int[] samples, byte[] plte, byte[] trns)
            throws IOException {
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new IllegalArgumentException("colour type " + colorType);
        };
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < h; y++) {
            raw.write(0);
            for (int i = 0; i < w * channels; i++) {
                int v = samples[y * w * channels + i];
                if (bitDepth == 16) {
                    raw.write(v >> 8);
                }
                raw.write(v & 0xFF);
            }
        }
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            z.write(raw.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {(byte) bitDepth, (byte) colorType, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        if (plte != null) {
            chunk(out, "PLTE", plte);
        }
        if (trns != null) {
            chunk(out, "tRNS", trns);
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
