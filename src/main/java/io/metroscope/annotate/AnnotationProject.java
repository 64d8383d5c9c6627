package io.metroscope.annotate;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open annotation project: one SQLite file (see {@link ProjectDatabase} for its settings) with the open template
 * its meshes are of, held exclusively by this process ({@link ProjectLock}) until closed. Opening checks the file
 * before SQLite touches it ({@link ProjectFiles}) and migrates older schemas ({@link MigrationRunner}).
 */
public final class AnnotationProject implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnnotationProject.class);

    private final Path file;
    private final ProjectLock lock;
    private final ProjectDatabase database;
    private final ProjectMeta meta;
    private final OpenTemplate template;
    private volatile String author = System.getProperty("user.name", "unknown");
    private ItemEditor editor;

    private AnnotationProject(Path file, ProjectLock lock, ProjectDatabase database, ProjectMeta meta,
            OpenTemplate template) {
        this.file = file;
        this.lock = lock;
        this.database = database;
        this.meta = meta;
        this.template = template;
    }

    /**
     * Creates a project at {@code file} (which must not exist) for the open template in {@code templateBytes}
     * ({@code templateSource}: its name, for provenance).
     */
    public static AnnotationProject create(Path file, byte[] templateBytes, String templateSource) throws IOException {
        ProjectFiles.checkNew(file);
        OpenTemplate template = ProjectTemplates.read(templateBytes, Path.of(templateSource));
        ProjectLock lock = ProjectLock.acquire(file);
        ProjectDatabase db = null;
        try {
            db = ProjectDatabase.open(file, false);
            db.migrate(new MigrationRunner(ProjectSchema.MIGRATIONS));
            ProjectMeta meta = new ProjectMeta(template.template().kind(), ProjectTemplates.sha256(templateBytes),
                    templateSource, System.currentTimeMillis(), System.getProperty("user.name", "unknown"));
            db.write(c -> {
                ProjectTable.insert(c, meta, templateBytes);
                return null;
            });
            LOG.info("Created {} project {}", meta.kind().id(), file);
            return new AnnotationProject(file, lock, db, meta, template);
        } catch (SQLException e) {
            closeQuietly(db, lock);
            throw ProjectDatabase.failure(file, "the project could not be created", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(db, lock);
            throw e;
        }
    }

    /** Creates a project with the default open template of {@code kind}. */
    public static AnnotationProject create(Path file, TemplateKind kind) throws IOException {
        Path source = io.metroscope.body.OpenTemplates.findDefault(kind);
        return create(file, ProjectTemplates.defaultBytes(kind), source != null ? source.getFileName().toString()
                : "built-in " + kind.id() + " template");
    }

    /** Opens an existing project; refuses foreign, damaged, newer or read-only files and projects open elsewhere. */
    public static AnnotationProject open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new FormatException(file, "the file does not exist", "choose an existing project, or create one "
                    + "with New Project");
        }
        // The lock comes first: while another process has the project open, its header may be out of date.
        ProjectLock lock = ProjectLock.acquire(file);
        ProjectDatabase db = null;
        try {
            ProjectFiles.checkExisting(file);
            if (!Files.isWritable(file)) {
                throw new FormatException(file, "the project file is read-only",
                        "make it writable (chmod u+w) or copy it to a folder you can write to");
            }
            db = ProjectDatabase.open(file, true);
            db.migrate(new MigrationRunner(ProjectSchema.MIGRATIONS));
            ProjectMeta meta = db.read(ProjectTable::meta);
            if (meta == null) {
                throw new FormatException(file, "it has no project settings (its creation did not finish)",
                        "create the project again");
            }
            byte[] templateBytes = db.read(ProjectTable::template);
            if (!ProjectTemplates.sha256(templateBytes).equals(meta.templateSha256())) {
                throw new FormatException(file, "its template does not match its recorded SHA-256 (damaged)",
                        "restore the project from a backup copy");
            }
            OpenTemplate template = ProjectTemplates.read(templateBytes, file);
            return new AnnotationProject(file, lock, db, meta, template);
        } catch (SQLException e) {
            closeQuietly(db, lock);
            throw ProjectDatabase.failure(file, "the project could not be opened", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(db, lock);
            throw e;
        }
    }

    private static void closeQuietly(ProjectDatabase db, ProjectLock lock) {
        if (db != null) {
            db.close();
        }
        lock.closeAndDiscard();
    }

    /** The project file. */
    public Path file() {
        return file;
    }

    /** The folder image paths are relative to. */
    public Path folder() {
        return file.toAbsolutePath().getParent();
    }

    /** The absolute image file of a stored relative path. */
    public Path imageFile(String relative) {
        return folder().resolve(relative).normalize();
    }

    public ProjectMeta meta() {
        return meta;
    }

    /** The open template (with rig) the project's meshes are of. */
    public OpenTemplate template() {
        return template;
    }

    /** The template file's bytes, as stored. */
    public byte[] templateBytes() throws FormatException {
        return database.read(ProjectTable::template);
    }

    /** The project's one editor (it caches the undo stacks, so there must be only one). */
    public synchronized ItemEditor editor() {
        if (editor == null) {
            editor = new ItemEditor(this);
        }
        return editor;
    }

    /** The database, for the services of this package. */
    ProjectDatabase database() {
        return database;
    }

    /** Who edits are recorded as (default: the OS user). */
    public String author() {
        return author;
    }

    public void setAuthor(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the author needs a name");
        }
        this.author = name.strip();
    }

    /** {@code PRAGMA integrity_check} over the whole file: "ok" when sound. */
    public String integrityCheck() throws FormatException {
        return database.integrityCheck();
    }

    @Override
    public void close() {
        database.close();
        lock.close();
        LOG.info("Closed project {}", file);
    }

    @Override
    public String toString() {
        return file.getFileName() + " (" + meta.kind().id() + ")";
    }
}
