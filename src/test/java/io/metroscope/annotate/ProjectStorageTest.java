package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project file: schema migrations, settings, the session lock, and refusing files that are not ours. */
class ProjectStorageTest {

    @TempDir
    Path temp;

    @Test
    void migrationsBuildTheSchemaFromAnEmptyDatabaseAndRunOnce() throws Exception {
        Path file = temp.resolve("empty.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            MigrationRunner runner = new MigrationRunner(ProjectSchema.MIGRATIONS);
            assertThat(MigrationRunner.version(c)).isZero();
            assertThat(runner.migrate(c)).isEqualTo(ProjectSchema.MIGRATIONS.size());
            assertThat(MigrationRunner.version(c)).isEqualTo(ProjectSchema.latestVersion());
            assertThat(runner.migrate(c)).as("a second run has nothing to do").isZero();
            assertThat(tables(c)).contains("project", "items", "meshes", "joints_2d", "comments", "history");
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA application_id")) {
                assertThat(r.getInt(1)).isEqualTo(ProjectSchema.APPLICATION_ID);
            }
        }
        assertThat(ProjectFiles.checkExisting(file).userVersion()).isEqualTo(ProjectSchema.latestVersion());
    }

    @Test
    void aFailingMigrationLeavesTheVersionWhereItWas() throws Exception {
        Path file = temp.resolve("failing.sqlite");
        List<Migration> steps = new ArrayList<>(ProjectSchema.MIGRATIONS);
        steps.add(new Migration(steps.size() + 1, "broken", List.of("CREATE TABLE extra (x)", "NOT SQL AT ALL")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> new MigrationRunner(steps).migrate(c)).hasMessageContaining("broken");
            assertThat(MigrationRunner.version(c)).isEqualTo(ProjectSchema.latestVersion());
            assertThat(tables(c)).doesNotContain("extra");
        }
    }

    @Test
    void aProjectKeepsItsTemplateAndSettingsAcrossReopening() throws Exception {
        Path file = temp.resolve("p" + ProjectFiles.EXTENSION);
        String sha;
        try (AnnotationProject p = AnnotationProject.create(file, TemplateKind.HAND)) {
            sha = p.meta().templateSha256();
            assertThat(p.template().template().fullVertexCount()).isEqualTo(778);
        }
        try (AnnotationProject p = AnnotationProject.open(file)) {
            assertThat(p.meta().kind()).isEqualTo(TemplateKind.HAND);
            assertThat(p.meta().templateSha256()).isEqualTo(sha)
                    .isEqualTo(ProjectTemplates.sha256(Files.readAllBytes(Path.of("templates/hand.npz"))));
            assertThat(p.integrityCheck()).isEqualTo("ok");
            assertThat(pragma(p, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(p, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(p, "synchronous")).as("FULL").isEqualTo("2");
        }
        assertThatThrownBy(() -> AnnotationProject.create(file, TemplateKind.HAND))
                .hasMessageContaining("already exists");
    }

    @Test
    void aSecondOpenInThisProcessIsRefused() throws Exception {
        Path file = temp.resolve("locked" + ProjectFiles.EXTENSION);
        try (AnnotationProject p = AnnotationProject.create(file, TemplateKind.HAND)) {
            assertThatThrownBy(() -> AnnotationProject.open(file)).isInstanceOf(FormatException.class)
                    .hasMessageContaining("already open in another Metroscope")
                    .hasMessageContaining("process " + ProcessHandle.current().pid());
            // The refused attempt must not have released this process's OS lock: another process is still kept out.
            Process child = ChildJvm.start(OpenProjectMain.class, file.toString());
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(child.getInputStream().readAllBytes());
            assertThat(child.exitValue()).as(out).isEqualTo(3);
            assertThat(out).contains("already open in another Metroscope");
        }
        AnnotationProject.open(file).close();
    }

    @Test
    void aSecondProcessIsRefusedWithAClearMessage() throws Exception {
        Path file = temp.resolve("shared" + ProjectFiles.EXTENSION);
        try (AnnotationProject p = AnnotationProject.create(file, TemplateKind.HAND)) {
            Process child = ChildJvm.start(OpenProjectMain.class, file.toString());
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(child.getInputStream().readAllBytes());
            assertThat(child.exitValue()).as(out).isEqualTo(3);
            assertThat(out).contains("already open in another Metroscope", "process " + ProcessHandle.current().pid());
        }
        Process child = ChildJvm.start(OpenProjectMain.class, file.toString());
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes());
        assertThat(child.exitValue()).as("once closed here, the other process may open it: " + out).isZero();
    }

    @Test
    void foreignDamagedAndTruncatedFilesAreRefusedUntouched() throws Exception {
        Path garbage = Files.write(temp.resolve("garbage" + ProjectFiles.EXTENSION), "not a database at all, "
                .repeat(20).getBytes());
        refusedUntouched(garbage, "not a Metroscope project");

        Path foreign = temp.resolve("foreign.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        refusedUntouched(foreign, "SQLite database of another program");

        Path good = temp.resolve("good" + ProjectFiles.EXTENSION);
        AnnotateFixtures.handProject(temp.resolve("work"), 2).close();
        Files.copy(temp.resolve("work/hands" + ProjectFiles.EXTENSION), good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(temp.resolve("truncated" + ProjectFiles.EXTENSION),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));
        refusedUntouched(truncated, "truncated");

        Path newer = Files.write(temp.resolve("newer" + ProjectFiles.EXTENSION), bytes.clone());
        try (var ch = java.nio.channels.FileChannel.open(newer, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4).putInt(0, 99), 60);
        }
        refusedUntouched(newer, "newer Metroscope");

        Path schema = Files.write(temp.resolve("schema" + ProjectFiles.EXTENSION), bytes.clone());
        try (var ch = java.nio.channels.FileChannel.open(schema, java.nio.file.StandardOpenOption.WRITE)) {
            // Page 1 after the header holds the schema: scribble over it.
            ch.write(java.nio.ByteBuffer.wrap(new byte[3000]), 100);
        }
        refusedUntouched(schema, "damaged");
    }

    @Test
    void aReadOnlyFolderIsRefusedWithAClearMessage() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("readonly"));
        Path file = dir.resolve("p" + ProjectFiles.EXTENSION);
        AnnotationProject.create(file, TemplateKind.HAND).close();
        byte[] before = Files.readAllBytes(file);
        List<String> namesBefore = names(dir);
        try (ReadOnlyPlaces locked = ReadOnlyPlaces.of(file, dir)) {
            assertThatThrownBy(() -> AnnotationProject.open(file)).isInstanceOf(FormatException.class)
                    .hasMessageContaining("read-only");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThatThrownBy(() -> AnnotationProject.create(dir.resolve("new" + ProjectFiles.EXTENSION),
                    TemplateKind.HAND)).hasMessageContaining("read-only");
        }
        assertThat(names(dir)).as("nothing created beside the project").isEqualTo(namesBefore);
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theHistoryCannotBeRewritten() throws Exception {
        try (AnnotationProject p = AnnotateFixtures.handProject(temp, 1)) {
            long item = new ReviewQueue(p, p.editor()).refresh().get(0).id();
            p.editor().moveJoint2d(item, 0, 10, 10);
            assertThatThrownBy(() -> p.database().write(c -> c.createStatement().executeUpdate(
                    "UPDATE history SET author = 'someone else'"))).hasMessageContaining("append-only");
            assertThatThrownBy(() -> p.database().write(c -> c.createStatement().executeUpdate(
                    "DELETE FROM history"))).hasMessageContaining("append-only");
            assertThat(p.editor().history(item)).hasSize(1);
        }
    }

    private static void refusedUntouched(Path file, String message) throws Exception {
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> AnnotationProject.open(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining(message);
        assertThat(Files.readAllBytes(file)).as("the file is untouched").isEqualTo(before);
        assertThat(Files.exists(file.resolveSibling(file.getFileName() + "-wal"))).isFalse();
        assertThat(Files.exists(ProjectLock.lockFile(file))).as("no lock file is left behind").isFalse();
    }

    private static List<String> tables(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static String pragma(AnnotationProject p, String name) throws Exception {
        return p.database().read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
                return r.getString(1);
            }
        });
    }
}
