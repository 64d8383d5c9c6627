package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.body.TemplateRig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every edit type, its history entry, and undo/redo through the history across closing and reopening. */
class ItemEditorTest {

    @TempDir
    Path temp;

    /** What an item looks like between edits. */
    private record State(float[] vertices, float[] joints3d, Joints2d joints, ItemStatus status) {
        static State of(ItemSnapshot s) {
            return new State(s.mesh().currentVertices(), s.mesh().joints3d(), s.joints(), s.status());
        }

        void assertSameAs(State o, String when) {
            assertThat(vertices).as(when + ": vertices").containsExactly(o.vertices);
            assertThat(joints3d).as(when + ": 3D joints").containsExactly(o.joints3d);
            assertThat(joints).as(when + ": 2D joints").isEqualTo(o.joints);
            assertThat(status).as(when + ": status").isEqualTo(o.status);
        }
    }

    @Test
    void everyEditIsUndoneAndRedoneAcrossReopening() throws Exception {
        Path file;
        long item;
        List<State> states = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (AnnotationProject p = AnnotateFixtures.handProject(temp, 2)) {
            file = p.file();
            p.setAuthor("ann");
            ItemEditor e = p.editor();
            item = new ReviewQueue(p, e).refresh().get(1).id();
            states.add(State.of(e.snapshot(item)));
            assertThat(e.snapshot(item).status()).isEqualTo(ItemStatus.TODO);

            ids.add(e.moveJoint2d(item, 3, 40.5f, 41.25f));
            ItemSnapshot s = e.snapshot(item);
            assertThat(s.joints().x(3)).isEqualTo(40.5f);
            assertThat(s.joints().y(3)).isEqualTo(41.25f);
            assertThat(s.originalJoints()).isEqualTo(states.get(0).joints);
            assertThat(s.status()).as("the first edit starts the work").isEqualTo(ItemStatus.IN_PROGRESS);
            assertThat(s.item().summary().labeler()).isEqualTo("ann");
            states.add(State.of(s));
            // Starting work (to do → in progress) is not an edit of its own: undoing every edit keeps it.
            State first = states.get(0);
            states.set(0, new State(first.vertices, first.joints3d, first.joints, ItemStatus.IN_PROGRESS));

            ids.add(e.setVisibility(item, 3, false));
            assertThat(e.snapshot(item).joints().visible(3)).isFalse();
            states.add(State.of(e.snapshot(item)));

            ids.add(e.rotateJoint(item, 2, new double[] {0, 0, 0.6}));
            s = e.snapshot(item);
            assertThat(s.mesh().currentVertices()).isNotEqualTo(states.get(2).vertices);
            assertThat(s.mesh().joints3d()).isNotEqualTo(states.get(2).joints3d);
            assertThat(s.mesh().originalVertices()).containsExactly(states.get(0).vertices);
            states.add(State.of(s));

            ids.add(e.rotateMesh(item, new double[] {0.3, 0, 0}));
            states.add(State.of(e.snapshot(item)));
            ids.add(e.translateMesh(item, new double[] {0.01, -0.02, 0.03}));
            float[] before = states.get(states.size() - 1).vertices;
            float[] moved = e.snapshot(item).mesh().currentVertices();
            assertThat(moved[0] - before[0]).isCloseTo(0.01f, within(1e-6f));
            assertThat(moved[1] - before[1]).isCloseTo(-0.02f, within(1e-6f));
            states.add(State.of(e.snapshot(item)));
            ids.add(e.scaleMesh(item, 1.25));
            states.add(State.of(e.snapshot(item)));
            ids.add(e.setStatus(item, ItemStatus.ACCEPTED));
            states.add(State.of(e.snapshot(item)));
            assertThat(e.snapshot(item).undoDepth()).isEqualTo(7);
            assertThat(e.history(item)).extracting(HistoryEntry::kind).containsExactly(EditKind.MOVE_JOINT_2D,
                    EditKind.SET_VISIBILITY, EditKind.ROTATE_JOINT, EditKind.GLOBAL_ROTATE, EditKind.GLOBAL_TRANSLATE,
                    EditKind.GLOBAL_SCALE, EditKind.SET_STATUS);
            assertThat(e.history(item)).allSatisfy(h -> assertThat(h.author()).isEqualTo("ann"));
        }

        // Undo everything, reopening the project between steps: the stacks come from the history alone.
        for (int k = states.size() - 1; k >= 1; k--) {
            try (AnnotationProject p = AnnotationProject.open(file)) {
                ItemEditor e = p.editor();
                ItemSnapshot s = e.snapshot(item);
                assertThat(s.undoDepth()).isEqualTo(k);
                assertThat(s.nextUndo().id()).isEqualTo(ids.get(k - 1));
                State.of(s).assertSameAs(states.get(k), "before undo " + k);
                assertThat(e.undo(item)).isNotNull();
                State.of(e.snapshot(item)).assertSameAs(states.get(k - 1), "after undo " + k);
            }
        }
        try (AnnotationProject p = AnnotationProject.open(file)) {
            ItemEditor e = p.editor();
            assertThat(e.undo(item)).as("nothing left to undo").isNull();
            assertThat(e.snapshot(item).redoDepth()).isEqualTo(7);
            for (int k = 1; k <= 4; k++) {
                assertThat(e.redo(item)).isNotNull();
                State.of(e.snapshot(item)).assertSameAs(states.get(k), "after redo " + k);
            }
        }
        try (AnnotationProject p = AnnotationProject.open(file)) {
            ItemEditor e = p.editor();
            ItemSnapshot s = e.snapshot(item);
            assertThat(s.undoDepth()).isEqualTo(4);
            assertThat(s.redoDepth()).isEqualTo(3);
            State.of(s).assertSameAs(states.get(4), "reopened after redo");
            // A new edit drops what was undone, as in every editor.
            e.moveJoint2d(item, 0, 1, 2);
            assertThat(e.snapshot(item).redoDepth()).isZero();
            assertThat(e.redo(item)).isNull();
            assertThat(e.history(item)).hasSize(7 + 7 + 4 + 1);
            assertThat(p.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void aJointRotationMovesItsSubtreeRigidlyAndLeavesTheRestInPlace() throws Exception {
        TemplateRig rig = AnnotateFixtures.template(io.metroscope.body.TemplateKind.HAND).rig();
        MeshPoser poser = new MeshPoser(rig);
        float[] rest = MeshPoser.toFloats(AnnotateFixtures.template(io.metroscope.body.TemplateKind.HAND).template()
                .fullVertices());
        int joint = rig.jointNames().indexOf(rig.jointNames().stream().filter(n -> n.startsWith("Index"))
                .findFirst().orElseThrow());
        int k = rig.jointCount();
        boolean[] subtree = new boolean[k];
        for (int j = 0; j < k; j++) {
            subtree[j] = j == joint || (rig.parents()[j] >= 0 && subtree[rig.parents()[j]]);
        }
        double angle = 0.5;
        float[] posed = poser.rotateJoint(rest, joint, new double[] {0, angle, 0});
        double[] centre = poser.joints(rest);
        double[] w = rig.weights();
        int inside = 0;
        int outside = 0;
        for (int i = 0; i < rest.length / 3; i++) {
            double onSubtree = 0;
            for (int j = 0; j < k; j++) {
                onSubtree += subtree[j] ? w[i * k + j] : 0;
            }
            if (onSubtree == 0) {
                outside++;
                for (int a = 0; a < 3; a++) {
                    assertThat(posed[3 * i + a]).isCloseTo(rest[3 * i + a], within(1e-6f));
                }
            } else if (onSubtree > 1 - 1e-9) {
                inside++;
                // Rotation about y through the joint's position.
                double x = rest[3 * i] - centre[3 * joint];
                double z = rest[3 * i + 2] - centre[3 * joint + 2];
                double ex = Math.cos(angle) * x + Math.sin(angle) * z + centre[3 * joint];
                double ez = -Math.sin(angle) * x + Math.cos(angle) * z + centre[3 * joint + 2];
                assertThat((double) posed[3 * i]).isCloseTo(ex, within(1e-5));
                assertThat(posed[3 * i + 1]).isCloseTo(rest[3 * i + 1], within(1e-5f));
                assertThat((double) posed[3 * i + 2]).isCloseTo(ez, within(1e-5));
            }
        }
        assertThat(inside).as("vertices bound only to the finger").isGreaterThan(10);
        assertThat(outside).as("vertices bound only elsewhere").isGreaterThan(100);
        float[] still = poser.rotateJoint(rest, joint, new double[] {0, 0, 0});
        for (int i = 0; i < rest.length; i++) {
            assertThat(still[i]).as("a zero rotation moves nothing").isCloseTo(rest[i], within(1e-6f));
        }
    }

    @Test
    void aMeshOfAnotherTopologyCannotBeSkinned() throws Exception {
        MeshPoser poser = new MeshPoser(AnnotateFixtures.template(io.metroscope.body.TemplateKind.HAND).rig());
        assertThatThrownBy(() -> poser.rotateJoint(new float[30], 1, new double[] {0, 0, 1}))
                .hasMessageContaining("10 vertices").hasMessageContaining("778");
    }
}
