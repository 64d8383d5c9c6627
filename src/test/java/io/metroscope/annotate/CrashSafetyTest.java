package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process editing a project is killed (SIGKILL) mid-burst: every edit it reported committed is still there. */
class CrashSafetyTest {

    @TempDir
    Path temp;

    @Test
    void everyCommittedEditSurvivesAKill() throws Exception {
        Path file;
        long item;
        try (AnnotationProject p = AnnotateFixtures.handProject(temp, 1)) {
            file = p.file();
            item = new ReviewQueue(p, p.editor()).refresh().get(0).id();
        }
        Process child = ChildJvm.start(CrashBurstMain.class, file.toString(), Long.toString(item));
        List<Long> committed = new ArrayList<>();
        StringBuilder other = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            String line;
            while (committed.size() < 60 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    committed.add(Long.parseLong(line.substring("committed ".length())));
                } else {
                    other.append(line).append('\n');
                }
            }
            // Killed between two commits or in the middle of one: the test cannot tell which, so either is fine.
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(committed).as("edits reported before the kill; child said: " + other).hasSizeGreaterThanOrEqualTo(60);

        try (AnnotationProject p = AnnotationProject.open(file)) {
            assertThat(p.integrityCheck()).isEqualTo("ok");
            List<HistoryEntry> history = p.editor().history(item);
            List<Long> present = history.stream().map(HistoryEntry::id).toList();
            assertThat(present).containsAll(committed);
            // The item's state is the after-state of its last recorded edit of each kind: no half-applied edit.
            HistoryEntry lastJoints = null;
            HistoryEntry lastMesh = null;
            for (HistoryEntry h : history) {
                if (h.target() == EditTarget.JOINTS_2D) {
                    lastJoints = h;
                } else if (h.target() == EditTarget.MESH) {
                    lastMesh = h;
                }
            }
            ItemSnapshot s = p.editor().snapshot(item);
            HistoryEntry jointsEntry = p.database().read(c -> HistoryTable.get(c, history.stream()
                    .filter(h -> h.target() == EditTarget.JOINTS_2D).reduce((a, b) -> b).orElseThrow().id()));
            HistoryEntry meshEntry = p.database().read(c -> HistoryTable.get(c, history.stream()
                    .filter(h -> h.target() == EditTarget.MESH).reduce((a, b) -> b).orElseThrow().id()));
            assertThat(lastJoints).isNotNull();
            assertThat(lastMesh).isNotNull();
            assertThat(s.joints().toArray()).containsExactly(Blobs.floats(jointsEntry.after()));
            assertThat(s.mesh().currentVertices()).containsExactly(Blobs.floats(meshEntry.after()));
            assertThat(s.undoDepth()).isEqualTo(history.size());
            System.out.println("crash test: " + committed.size() + " edits reported, " + history.size()
                    + " in the history after the kill");
        }
    }
}
