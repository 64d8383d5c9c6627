package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.metroscope.bench.RandomMetroWeights;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.train.TinyArchitectures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refit of a small random-weight body model on a synthetic item whose 2D joints were moved: the proposal's 2D error
 * against the corrected joints drops, and accepting it is one undoable edit of mesh and camera.
 */
class RefitterTest {

    @TempDir
    Path temp;

    @Test
    void refitCutsThe2dErrorAndAcceptingItIsOneUndoableEdit() throws Exception {
        try (OneBody one = oneBody("p", 9)) {
            AnnotationProject p = one.project();
            long id = one.id();
            ItemEditor editor = p.editor();
            ItemSnapshot s = editor.snapshot(id);
            // The labeler drags the right arm (wrist, elbow) and the head to where they belong.
            editor.moveJoint2d(id, 6, s.joints().x(6) + 25, s.joints().y(6) - 30);
            editor.moveJoint2d(id, 7, s.joints().x(7) + 12, s.joints().y(7) - 15);
            editor.moveJoint2d(id, 13, s.joints().x(13) - 10, s.joints().y(13));
            editor.setVisibility(id, 0, false);
            ItemSnapshot corrected = editor.snapshot(id);

            MetroTemplate template = p.template().template();
            Refitter refitter = new Refitter(tinyBodyModel(template), template);
            RefitRequest request = RefitRequest.forItem(corrected);
            assertThat(request.joints3d()).as("no 3D edit yet, so no 3D target").isNull();
            RefitResult r = refitter.refit(request, RefitOptions.defaults().withSteps(25).withLearningRate(1e-3f),
                    ImportExportTest.QUIET);

            System.out.printf(Locale.ROOT, "tiny random body model: %s%n", r);
            assertThat(r.steps()).isEqualTo(25);
            assertThat(r.errorBeforePx()).isPositive();
            assertThat(r.errorAfterPx()).isLessThan(r.errorBeforePx());
            assertThat(r.losses()[24]).isLessThan(r.losses()[0]);
            // The errors are what the projected joints say, over the visible joints only.
            assertThat(Refitter.meanError(r.joints2d(), corrected.joints())).isEqualTo(r.errorAfterPx());
            assertThat(r.vertices()).hasSize(3 * template.fullVertexCount());

            float[] cameraBefore = corrected.mesh().camera();
            float[] verticesBefore = corrected.mesh().currentVertices();
            editor.applyRefit(id, r);
            ItemSnapshot accepted = editor.snapshot(id);
            assertThat(accepted.mesh().currentVertices()).containsExactly(r.vertices());
            assertThat(accepted.mesh().camera()).containsExactly(r.camera());
            assertThat(accepted.mesh().originalVertices()).containsExactly(corrected.mesh().originalVertices());
            assertThat(accepted.joints()).as("the corrected 2D joints stay the labeler's").isEqualTo(
                    corrected.joints());
            assertThat(accepted.nextUndo().kind()).isEqualTo(EditKind.REFIT);
            assertThat(accepted.nextUndo().detail()).contains("tiny-body").contains("px");

            editor.undo(id);
            ItemSnapshot undone = editor.snapshot(id);
            assertThat(undone.mesh().currentVertices()).containsExactly(verticesBefore);
            assertThat(undone.mesh().camera()).containsExactly(cameraBefore);
            editor.redo(id);
            assertThat(editor.snapshot(id).mesh().camera()).containsExactly(r.camera());
        }
    }

    @Test
    void keepingTheUpsamplingLeavesItOutOfTheUpdateAndBothWaysCutThe2dError() throws Exception {
        try (OneBody one = oneBody("q", 11)) {
            AnnotationProject p = one.project();
            long id = one.id();
            ItemEditor editor = p.editor();
            ItemSnapshot s = editor.snapshot(id);
            editor.moveJoint2d(id, 6, s.joints().x(6) + 20, s.joints().y(6) - 25);
            MetroTemplate template = p.template().template();
            Refitter refitter = new Refitter(tinyBodyModel(template), template);
            RefitRequest request = RefitRequest.forItem(editor.snapshot(id));
            RefitOptions base = RefitOptions.defaults().withSteps(15).withLearningRate(1e-3f);
            assertThat(base.freezeUpsampling()).as("the default keeps the upsampling").isTrue();
            for (boolean keep : new boolean[] {true, false}) {
                RefitResult r = refitter.refit(request, base.withFreezeUpsampling(keep), ImportExportTest.QUIET);
                assertThat(r.errorAfterPx()).as("keep upsampling " + keep).isLessThan(r.errorBeforePx());
            }

            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager(Device.cpu())) {
                java.util.Map<String, ai.djl.ndarray.NDArray> all = new java.util.LinkedHashMap<>();
                for (String key : List.of("backbone.conv1.weight", "trans_encoder.0.bert.pooler.dense.weight",
                        "upsampling.weight", "upsampling2.bias", "cam_param_fc.weight")) {
                    ai.djl.ndarray.NDArray a = m.ones(new ai.djl.ndarray.types.Shape(2));
                    a.setRequiresGradient(true);
                    all.put(key, a);
                }
                assertThat(Refitter.trained(all, base.withFreezeUpsampling(false))).containsOnlyKeys(all.keySet());
                assertThat(Refitter.trained(all, base)).containsOnlyKeys("backbone.conv1.weight",
                        "trans_encoder.0.bert.pooler.dense.weight", "cam_param_fc.weight");
                assertThat(all.get("upsampling.weight").hasGradient()).as("a kept layer records no gradient")
                        .isFalse();
                assertThat(all.get("cam_param_fc.weight").hasGradient()).isTrue();
            }
        }
    }

    @Test
    void aModelOfAnotherKindIsRefusedWithAClearMessage() throws Exception {
        Path checkpoint = temp.resolve("tiny-hand.bin");
        RandomMetroWeights.writeCheckpoint(checkpoint, TinyArchitectures.hand(), 4);
        MetroTemplate body = AnnotateFixtures.template(TemplateKind.BODY).template();
        MetroTemplate hand = AnnotateFixtures.template(TemplateKind.HAND).template();
        assertThatThrownBy(() -> new Refitter(new RefitModel(checkpoint, floats(hand.refVertices()), 2, false,
                Device.cpu(), "tiny-hand"), body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("load a body model");
    }

    /** A body project and its one item. */
    private record OneBody(AnnotationProject project, long id) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            project.close();
        }
    }

    /** A new body project holding one synthetic mesh item (seed {@code seed}). */
    private OneBody oneBody(String name, int seed) throws Exception {
        List<Path> meshes = AnnotateFixtures.synthMeshes(temp.resolve(name + "-in"), TemplateKind.BODY, 1, 224, seed);
        AnnotationProject p = AnnotationProject.create(temp.resolve(name + ProjectFiles.EXTENSION), TemplateKind.BODY);
        return new OneBody(p, new ProjectImporter(p).importMeshes(meshes).imported().get(0));
    }

    /** A tiny body network with random weights, as a refit source for {@code template}'s items. */
    private RefitModel tinyBodyModel(MetroTemplate template) throws Exception {
        Path checkpoint = Files.createTempFile(temp, "tiny-body", ".bin");
        RandomMetroWeights.writeCheckpoint(checkpoint, TinyArchitectures.body(), 4);
        return new RefitModel(checkpoint, floats(template.refVertices()), 2, false, Device.cpu(), "tiny-body");
    }

    static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
