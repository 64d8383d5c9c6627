package io.metroscope.body;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.metroscope.format.FormatException;

/** Reads a MANO hand model ({@code MANO_RIGHT.pkl} or an smplx-style {@code .npz}). */
public final class ManoModelReader {
    private static final int MANO_VERTICES = 778;
    private static final int MANO_JOINTS = 16;

    private ManoModelReader() {
    }

    public static ManoModel read(Path file) throws FormatException {
        List<String> keys = new ArrayList<>(SmplModelReader.SMPL_KEYS);
        keys.add("hands_mean");
        keys.add("hands_components");
        ModelArrays a = ModelArrays.read(file, keys);
        SmplModel skin = SmplModelReader.fromArrays(a);
        if (skin.vertexCount() != MANO_VERTICES || skin.jointCount() != MANO_JOINTS) {
            throw new FormatException(file, "the model has " + skin.vertexCount() + " vertices and "
                    + skin.jointCount() + " joints; MANO has 778 and 16",
                    "choose MANO_RIGHT.pkl from the MANO website (an SMPL body file is not a hand)");
        }
        double[] mean = a.doubles("hands_mean", 45);
        double[] components = a.has("hands_components") ? a.doubles("hands_components", -1, 45) : new double[0];
        return new ManoModel(skin, mean, components);
    }
}
