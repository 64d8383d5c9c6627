package io.metroscope.ui.attention;

import io.metroscope.format.AtomicFiles;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npy;
import io.metroscope.format.PngFiles;
import io.metroscope.format.SvgDocument;
import io.metroscope.recon.AttentionMaps;
import io.metroscope.recon.OfficialDemoFigure;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Writes the numbers and the official-style figures of an {@link AttentionSelection}. */
final class AttentionExports {

    private AttentionExports() {
    }

    /**
     * The chosen joint's row, one line per token: {@code joint,layer,heads,normalised,token,name,attention} with
     * the layer counted from 1 (the block's first layer) as in the workspace.
     */
    static void rowCsv(AttentionSelection s, Path file) throws IOException {
        double[] row = s.row();
        String prefix = s.jointNames().get(s.joint()) + "," + (s.layer() + 1) + "," + s.headsLabel() + ","
                + s.normalised() + ",";
        StringBuilder csv = new StringBuilder("joint,layer,heads,normalised,token,name,attention\n");
        for (int i = 0; i < row.length; i++) {
            csv.append(prefix).append(i).append(',').append(s.tokenName(i)).append(',').append(row[i]).append('\n');
        }
        AtomicFiles.write(file, out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A matrix as the workspace shows it, a line per joint: the joint, then a column per name of {@code columns}. */
    static void matrixCsv(double[] matrix, List<String> joints, List<String> columns, Path file) throws IOException {
        int cols = columns.size();
        StringBuilder csv = new StringBuilder("joint");
        columns.forEach(n -> csv.append(',').append(n));
        csv.append('\n');
        for (int r = 0; r < matrix.length / cols; r++) {
            csv.append(joints.get(r));
            for (int c = 0; c < cols; c++) {
                csv.append(',').append(matrix[r * cols + c]);
            }
            csv.append('\n');
        }
        AtomicFiles.write(file, out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The joints × tokens matrix (paper Fig. 4) of the chosen layer as float64 .npy. */
    static void matrixNpy(AttentionSelection s, Path file) throws IOException {
        int j = s.result().jointCount();
        int n = s.result().tokenCount();
        Npy.write(file, NdArray.ofDoubles(AttentionMaps.jointRows(s.combined(), n, j), j, n));
    }

    /** Layers × joints × tokens: every layer of the block, the same heads and normalisation, float64 .npy. */
    static void allLayersNpy(AttentionSelection s, Path file) throws IOException {
        int layers = s.result().attentionLayers();
        int j = s.result().jointCount();
        int n = s.result().tokenCount();
        double[] all = new double[layers * j * n];
        for (int l = 0; l < layers; l++) {
            double[] m = l == s.layer() ? s.combined() : s.combinedOfLayer(l);
            System.arraycopy(m, 0, all, l * j * n, j * n);
        }
        Npy.write(file, NdArray.ofDoubles(all, layers, j, n));
    }

    /** The official demo's figure for the chosen joint: input | attention rays | rendered mesh; PNG or SVG. */
    static void demoFigure(AttentionSelection s, Path file, int dpi) throws IOException {
        RgbImage image = ImageDecoder.decode(Path.of(s.result().source()), DecodeOptions.forUsers());
        int[] faces = s.template().faces();
        if (isSvg(file)) {
            OfficialDemoFigure.composeSvg(s.result(), image, faces, s.row(), s.joint(),
                    s.jointNames().get(s.joint()) + " (" + s.layerLabel() + ")").write(file);
        } else {
            png(PngFiles.scaled(OfficialDemoFigure.compose(s.result(), image, faces, s.row(), s.joint()),
                    PngFiles.scaleFor(dpi)), file, dpi);
        }
    }

    /** The paper-style grid (Fig. 3): the input, then the rays of the official demo's six joints; PNG or SVG. */
    static void jointGrid(AttentionSelection s, Path file, int dpi) throws IOException {
        RgbImage image = ImageDecoder.decode(Path.of(s.result().source()), DecodeOptions.forUsers());
        int[] joints = OfficialDemoFigure.defaultGridJoints(s.result().kind());
        if (isSvg(file)) {
            OfficialDemoFigure.gridSvg(s.result(), image, s.template().faces(), s.combined(), joints, s.jointNames())
                    .write(file);
        } else {
            png(PngFiles.scaled(OfficialDemoFigure.grid(s.result(), image, s.template().faces(), s.combined(), joints),
                    PngFiles.scaleFor(dpi)), file, dpi);
        }
    }

    /** Whether a figure file asks for SVG (else PNG). */
    static boolean isSvg(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg");
    }

    /** Writes a PNG whose pHYs chunk states {@code dpi}. */
    static void png(BufferedImage image, Path file, int dpi) throws IOException {
        PngFiles.write(image, file, dpi);
    }

    static void svg(SvgDocument svg, Path file) throws IOException {
        svg.write(file);
    }
}
