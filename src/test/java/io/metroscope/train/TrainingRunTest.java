package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.metroscope.body.BodyModelFile;
import io.metroscope.body.SmplModel;
import io.metroscope.body.SyntheticModelFiles;
import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrainingRun} on METRO TSV datasets: joints only without an SMPL model (said in a note), meshes with one. */
class TrainingRunTest {

    static final int ITEMS = 3;

    @TempDir
    Path dir;

    /** What a run reported. */
    static final class Recorded implements TrainingRun.Listener {
        final List<String> notes = new ArrayList<>();
        final List<Trainer.Progress> steps = new ArrayList<>();
        final List<Trainer.Progress> epochs = new ArrayList<>();
        int items = -1;
        int previews;

        @Override
        public void started(TrainerState state, int trainingItems, int batchesPerEpoch) {
            items = trainingItems;
        }

        @Override
        public void progress(Trainer.Progress p, TrainerState state) {
            (p.batch() >= 0 ? steps : epochs).add(p);
        }

        @Override
        public void note(String text) {
            notes.add(text);
        }

        @Override
        public void preview(List<TrainingPreview.Panel> panels, boolean initial, String label) {
            assertThat(panels).hasSize(Math.min(TrainingRun.PREVIEW_ITEMS, ITEMS));
            previews++;
        }
    }

    static Recipe tiny(MeshKind kind, Path data, Path validation, Path out) {
        return new Recipe("tsv", kind, "tiny", 2, null, data.toString(), validation == null ? null
                : validation.toString(), 0, 1, 1, 1, 1e-3, 100, 0.1, 1.0e3, 7, 0.1f, LossWeights.body(),
                Recipe.preset("demo").mvm(), 0, out.toString(), Augmentation.off(), 1, 0, false);
    }

    @Test
    void withoutAnSmplModelTsvLabelsTrainJointsOnlyAndSaySo() throws Exception {
        Path yaml = TinyTsvDatasets.writeBody(dir.resolve("tsv"), "train", ITEMS, true);
        Recipe recipe = tiny(MeshKind.BODY, yaml, yaml, dir.resolve("out"));
        assertThat(TrainingRun.needsBodyModels(recipe)).isTrue();
        Recorded r = new Recorded();
        TrainerState end = TrainingRun.run(recipe, Device.cpu(), null, null, new TrainingControl(), r);
        assertThat(r.notes).as("the validation set's note is not repeated").singleElement().asString()
                .contains("no SMPL model", "joints only");
        assertThat(r.items).isEqualTo(ITEMS);
        assertThat(r.steps).hasSize(ITEMS);
        assertThat(r.steps).allSatisfy(p -> assertThat(p.vertices()).isZero());
        assertThat(r.steps).allSatisfy(p -> assertThat(p.joints3d()).isPositive());
        assertThat(r.steps).as("each batch's share of time waiting for the loader")
                .allSatisfy(p -> assertThat(p.dataWait()).isBetween(0.0, 1.0));
        assertThat(r.epochs).singleElement().satisfies(p -> assertThat(p.dataWait()).isBetween(0.0, 1.0));
        assertThat(r.previews).isEqualTo(2);
        assertThat(end.steps()).isEqualTo(ITEMS);
        assertThat(TrainingRun.bestCheckpoint(dir.resolve("out"))).isNotNull();
    }

    @Test
    void anSmplModelPosesTsvLabelsIntoMeshTargets() throws Exception {
        SmplModel smpl = BodyModelFile.readSmpl(SyntheticModelFiles.writeSmpl(dir.resolve("smpl.npz")));
        Path yaml = TinyTsvDatasets.writeBody(dir.resolve("tsv"), "train", ITEMS, true);
        Recorded r = new Recorded();
        TrainingRun.run(tiny(MeshKind.BODY, yaml, null, dir.resolve("out")), Device.cpu(), smpl, null,
                new TrainingControl(), r);
        assertThat(r.notes).isEmpty();
        assertThat(r.steps).hasSize(ITEMS);
        assertThat(r.steps).allSatisfy(p -> assertThat(p.vertices()).isPositive());
        assertThat(TrainingRun.bestCheckpoint(dir.resolve("out"))).isNotNull();
    }

    @Test
    void aHandRecipeOnABodyTsvNamesTheDatasetAndTheFix() throws Exception {
        Path yaml = TinyTsvDatasets.writeBody(dir.resolve("tsv"), "train", 1, false);
        assertThatThrownBy(() -> TrainingRun.run(tiny(MeshKind.HAND, yaml, null, dir.resolve("out")), Device.cpu(),
                null, null, new TrainingControl(), new Recorded())).isInstanceOf(FormatException.class)
                .satisfies(e -> assertThat(((FormatException) e).file()).isEqualTo(yaml))
                .hasMessageContaining("body items").hasMessageContaining("official-body");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void theTemplateOfATsvDatasetIsTheRecipeKindsDefault() throws Exception {
        Path yaml = TinyTsvDatasets.writeBody(dir.resolve("tsv"), "train", 1, false);
        assertThat(TrainingData.templateFile(yaml, MeshKind.BODY)).isEqualTo(Path.of("templates", "body.npz"));
        assertThat(TrainingData.templateFile(dir.resolve("tsv"), MeshKind.HAND))
                .isEqualTo(Path.of("templates", "hand.npz"));
        assertThat(TrainingData.kindOf(yaml)).isEqualTo(io.metroscope.body.TemplateKind.BODY);
    }

    @Test
    void previewsOfTsvItemsGetTheCameraThatProjectsTheirJoints() throws Exception {
        Path yaml = TinyTsvDatasets.writeBody(dir.resolve("tsv"), "train", 2, false);
        try (TrainingData data = TrainingData.open(yaml, io.metroscope.body.OpenTemplates.read(
                Path.of("templates/body.npz")).template(), null)) {
            TrainingItem item = data.source().get(1).labels();
            assertThat(item.camera()).isEmpty();
            float[] cam = TrainingPreview.camera(item);
            for (int k = 0; k < item.jointCount(); k++) {
                assertThat((double) cam[0] * (item.joints3d()[3 * k] + cam[1]))
                        .isCloseTo(item.joints2d()[3 * k], within(1e-4));
                assertThat((double) cam[0] * (item.joints3d()[3 * k + 1] + cam[2]))
                        .isCloseTo(item.joints2d()[3 * k + 1], within(1e-4));
            }
            assertThat((double) cam[0]).isCloseTo(0.95, within(1e-4));
        }
    }
}
