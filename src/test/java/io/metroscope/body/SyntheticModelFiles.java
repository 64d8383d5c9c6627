package io.metroscope.body;

import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model files in the SMPL/MANO npz layout built from open (CC0) or formula data, for tests of code that reads a
 * user's model file; nothing comes from the licence-gated models.
 */
public final class SyntheticModelFiles {

    private SyntheticModelFiles() {
    }

    /** A MANO-structured model (778 vertices, 16 joints, 10 betas, a non-zero hands_mean) from integer formulas. */
    public static Path writeMano(Path file) throws IOException {
        return TemplateBuilderTest.writeSyntheticMano(file);
    }

    /** An SMPL-structured body (6890 vertices, 24 joints) from the open body template's rig, with 10 betas. */
    public static Path writeSmpl(Path file) throws IOException {
        SmplModel rig = OpenTemplates.read(Path.of("templates/body.npz")).model();
        int v = rig.vertexCount();
        int k = rig.jointCount();
        double[] shapedirs = new double[v * 3 * 10];
        for (int i = 0; i < shapedirs.length; i++) {
            shapedirs[i] = ((i * 7) % 11 - 5) / 8192.0;
        }
        long[] table = new long[2 * k];
        for (int j = 0; j < k; j++) {
            table[j] = j == 0 ? 4294967295L : rig.parents()[j];
            table[k + j] = j;
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("v_template", NdArray.ofDoubles(rig.vTemplate(), v, 3));
        arrays.put("shapedirs", NdArray.ofDoubles(shapedirs, v, 3, 10));
        arrays.put("posedirs", NdArray.ofDoubles(rig.posedirs(), v, 3, 9 * (k - 1)));
        arrays.put("J_regressor", NdArray.ofDoubles(rig.jointRegressor().toDense(), k, v));
        arrays.put("weights", NdArray.ofDoubles(rig.weights(), v, k));
        arrays.put("kintree_table", NdArray.ofLongs(table, 2, k));
        arrays.put("f", NdArray.ofInts(rig.faces(), rig.faceCount(), 3));
        Npz.write(file, arrays, true);
        return file;
    }
}
