package io.metroscope.body;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.metroscope.format.FormatException;
import io.metroscope.format.SparseMatrix;

/**
 * Builds the official METRO templates from the user's licensed model files and METRO's data folder, checking
 * that the pieces fit together; backs {@code metroscope template build}.
 */
public final class TemplateBuilder {

    /**
     * Body template from an SMPL model ({@code .pkl}/{@code .pkl.gz}/{@code .npz}) and a folder holding
     * {@code J_regressor_h36m_correct.npy} and {@code mesh_downsampling.npz}.
     */
    public MetroTemplate buildBody(Path smplFile, Path metroDataDir) throws FormatException {
        requireFile(smplFile, "the SMPL model", "download basicModel_neutral_lbs_10_207_0_v1.0.0.pkl from the "
                + "SMPLify website (smplify.is.tue.mpg.de) and pass its path");
        Path regressorFile = MetroData.require(metroDataDir, MetroData.H36M_REGRESSOR);
        Path samplingFile = MetroData.require(metroDataDir, MetroData.BODY_SAMPLING);
        SmplModel smpl = SmplModelReader.read(smplFile);
        MeshSampling sampling = MeshSampling.read(samplingFile);
        SparseMatrix h36m = MetroData.readH36mRegressor(regressorFile);
        int v = smpl.vertexCount();
        if (sampling.down().size() < 2 || sampling.fullVertexCount() != v) {
            throw new FormatException(samplingFile, "its D matrices start from " + sampling.fullVertexCount()
                    + " vertices (" + sampling.down().size() + " levels) but the SMPL model " + smplFile.getFileName()
                    + " has " + v, "use METRO's mesh_downsampling.npz with an SMPL body model (6890 vertices; "
                    + "SMPL-X and SMPL+H meshes do not fit)");
        }
        if (h36m.cols() != v) {
            throw new FormatException(regressorFile, "it regresses joints from " + h36m.cols()
                    + " vertices but the SMPL model has " + v, "use METRO's J_regressor_h36m_correct.npy with an "
                    + "SMPL body model (6890 vertices)");
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", smplFile.getFileName().toString());
        provenance.put("joint_regressor", regressorFile.getFileName().toString());
        provenance.put("sampling", samplingFile.getFileName().toString());
        provenance.put("recipe", "SMPL pose [3.1416,0,...], betas 0; D[0], D[1]; H36M pelvis; H36M_J17_TO_J14");
        return OfficialTemplates.body(smpl, h36m, sampling, provenance);
    }

    /**
     * Hand template from {@code MANO_RIGHT.pkl} (or an smplx-style MANO {@code .npz}, or a millimetre hand npz
     * with vertices/joints/faces/joint_regressor) and a folder holding {@code mano_downsampling.npz}.
     */
    public MetroTemplate buildHand(Path manoFile, Path metroDataDir) throws FormatException {
        requireFile(manoFile, "the MANO model", "download MANO_RIGHT.pkl from the MANO website (mano.is.tue.mpg.de) "
                + "and pass its path");
        Path samplingFile = MetroData.require(metroDataDir, MetroData.HAND_SAMPLING);
        HandRestMesh hand = HandRestMesh.isMillimetreNpz(manoFile) ? HandRestMesh.readMillimetreNpz(manoFile)
                : ManoHand.meanHand(ManoModelReader.read(manoFile));
        MeshSampling sampling = MeshSampling.read(samplingFile);
        int v = hand.vertices().length / 3;
        if (sampling.fullVertexCount() != v) {
            throw new FormatException(samplingFile, "its D[0] starts from " + sampling.fullVertexCount()
                    + " vertices but the hand model " + manoFile.getFileName() + " has " + v,
                    "use METRO's mano_downsampling.npz with a MANO hand (778 vertices)");
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", manoFile.getFileName().toString());
        provenance.put("sampling", samplingFile.getFileName().toString());
        provenance.put("recipe", "MANO mean pose (flat_hand_mean=False), betas 0, /1000; D[0]; wrist-centred");
        return OfficialTemplates.hand(hand, sampling, provenance);
    }

    /** Builds the template of {@code kind} and writes it to {@code out} (npz, plus a JSON manifest beside it). */
    public MetroTemplate buildAndSave(TemplateKind kind, Path modelFile, Path metroDataDir, Path out)
            throws IOException {
        MetroTemplate template = kind == TemplateKind.BODY ? buildBody(modelFile, metroDataDir)
                : buildHand(modelFile, metroDataDir);
        MetroTemplateFile.write(out, template, true);
        return template;
    }

    private static void requireFile(Path file, String what, String fix) throws FormatException {
        if (!Files.isRegularFile(file)) {
            throw new FormatException(file, what + " is missing", fix);
        }
    }
}
