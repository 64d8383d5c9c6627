package io.metroscope.body;

import java.nio.file.Path;
import java.util.Locale;

import io.metroscope.format.FormatException;

/**
 * The two licence-gated model files a user can point Metroscope at: the SMPL body and the MANO right hand. They are
 * only ever referenced by path, never copied.
 */
public enum BodyModelFile {
    /** The SMPL body model (SMPL_NEUTRAL.pkl or an smplx-style .npz): 6890 vertices, 24 joints. */
    SMPL("SMPL", "SMPL_NEUTRAL.pkl", 6890, 24),
    /** The MANO right-hand model (MANO_RIGHT.pkl or .npz): 778 vertices, 16 joints. */
    MANO("MANO", "MANO_RIGHT.pkl", 778, 16);

    private final String label;
    private final String usualFile;
    private final int vertices;
    private final int joints;

    BodyModelFile(String label, String usualFile, int vertices, int joints) {
        this.label = label;
        this.usualFile = usualFile;
        this.vertices = vertices;
        this.joints = joints;
    }

    /** "SMPL" / "MANO". */
    public String label() {
        return label;
    }

    /** The official file name users look for. */
    public String usualFile() {
        return usualFile;
    }

    public int vertexCount() {
        return vertices;
    }

    /** Reads an SMPL body model and checks it is one (6890 vertices, 24 joints). */
    public static SmplModel readSmpl(Path file) throws FormatException {
        SmplModel model = SmplModelReader.read(file);
        if (model.vertexCount() != SMPL.vertices || model.jointCount() != SMPL.joints) {
            throw new FormatException(file, "the model has " + model.vertexCount() + " vertices and "
                    + model.jointCount() + " joints; SMPL has 6890 and 24", "choose SMPL_NEUTRAL.pkl (or its .npz)"
                    + " from the SMPL website (a MANO hand file is not a body)");
        }
        return model;
    }

    /** Reads a MANO hand model (778 vertices, 16 joints; {@link ManoModelReader} checks them). */
    public static ManoModel readMano(Path file) throws FormatException {
        return ManoModelReader.read(file);
    }

    /**
     * Reads {@code file} as this kind of model, as a check before its path is kept: a one-line description on
     * success, else the reader's message naming the file and the fix.
     */
    public String check(Path file) throws FormatException {
        SmplModel skin = this == SMPL ? readSmpl(file) : readMano(file).skin();
        return String.format(Locale.ROOT, "%s model: %d vertices, %d joints, %d shape coefficients", label,
                skin.vertexCount(), skin.jointCount(), skin.shapeCount());
    }
}
