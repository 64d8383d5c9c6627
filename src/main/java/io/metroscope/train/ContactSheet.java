package io.metroscope.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.metroscope.format.AtomicFiles;

/**
 * A grid of synthetic images for looking at, optionally with each item's 2D joints drawn over it (green: visible,
 * red: occluded or outside).
 */
public final class ContactSheet {
    private static final int GAP = 2;

    private ContactSheet() {
    }

    /** Writes {@code items} as a {@code columns}-wide grid PNG to {@code target}. */
    public static void write(Path target, List<Synthesized> items, int columns, boolean joints) throws IOException {
        int size = items.get(0).labels().imageSize();
        int rows = (items.size() + columns - 1) / columns;
        int w = columns * size + (columns + 1) * GAP;
        int h = rows * size + (rows + 1) * GAP;
        byte[] sheet = new byte[3 * w * h];
        java.util.Arrays.fill(sheet, (byte) 255);
        for (int k = 0; k < items.size(); k++) {
            int ox = GAP + (k % columns) * (size + GAP);
            int oy = GAP + (k / columns) * (size + GAP);
            byte[] rgb = items.get(k).rgb();
            for (int y = 0; y < size; y++) {
                System.arraycopy(rgb, 3 * y * size, sheet, 3 * ((oy + y) * w + ox), 3 * size);
            }
            if (joints) {
                float[] px = items.get(k).labels().joints2dPixels();
                TrainingItem t = items.get(k).labels();
                for (int j = 0; j < t.jointCount(); j++) {
                    int cx = (int) px[2 * j];
                    int cy = (int) px[2 * j + 1];
                    boolean vis = t.visible(j);
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int x = cx + dx;
                            int y = cy + dy;
                            if (x >= 0 && y >= 0 && x < size && y < size) {
                                int i = 3 * ((oy + y) * w + ox + x);
                                sheet[i] = (byte) (vis ? 0 : 255);
                                sheet[i + 1] = (byte) (vis ? 255 : 0);
                                sheet[i + 2] = 0;
                            }
                        }
                    }
                }
            }
        }
        if (target.toAbsolutePath().getParent() != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
        }
        byte[] png = PngWriter.encode(sheet, w, h);
        AtomicFiles.write(target, out -> out.write(png));
    }
}
