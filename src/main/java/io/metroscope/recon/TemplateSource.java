package io.metroscope.recon;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.MetroTemplateFile;
import io.metroscope.body.TemplateBuilder;
import io.metroscope.format.FormatException;
import java.nio.file.Path;
import java.util.Objects;

/** Where a model's METRO template comes from: built from SMPL or MANO, or read from our template file. */
public sealed interface TemplateSource {

    /** Builds or reads the template. */
    MetroTemplate load() throws FormatException;

    /** One line for reports, e.g. {@code body template from smpl.pkl}. */
    String describe();

    /** The body template from an SMPL model (.pkl/.npz) and MeshTransformer's data folder. */
    record Smpl(Path model, Path metroData) implements TemplateSource {
        public Smpl {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(metroData, "metroData");
        }

        @Override
        public MetroTemplate load() throws FormatException {
            return new TemplateBuilder().buildBody(model, metroData);
        }

        @Override
        public String describe() {
            return "body template built from " + model.getFileName() + " + " + metroData;
        }
    }

    /**
     * The hand template from a MANO model (.pkl/.npz, or a millimetre stand-in npz with vertices, joints, faces
     * and joint_regressor) and MeshTransformer's data folder.
     */
    record Mano(Path model, Path metroData) implements TemplateSource {
        public Mano {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(metroData, "metroData");
        }

        @Override
        public MetroTemplate load() throws FormatException {
            return new TemplateBuilder().buildHand(model, metroData);
        }

        @Override
        public String describe() {
            return "hand template built from " + model.getFileName() + " + " + metroData;
        }
    }

    /** A template written by {@code metroscope template build}. */
    record File(Path template) implements TemplateSource {
        public File {
            Objects.requireNonNull(template, "template");
        }

        @Override
        public MetroTemplate load() throws FormatException {
            return MetroTemplateFile.read(template);
        }

        @Override
        public String describe() {
            return "template file " + template.getFileName();
        }
    }
}
