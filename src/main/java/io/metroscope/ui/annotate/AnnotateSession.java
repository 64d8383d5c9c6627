package io.metroscope.ui.annotate;

import io.metroscope.annotate.AnnotationProject;
import io.metroscope.annotate.ImageReconstructor;
import io.metroscope.annotate.ImportReport;
import io.metroscope.annotate.ItemEditor;
import io.metroscope.annotate.ItemFileExport;
import io.metroscope.annotate.ItemSnapshot;
import io.metroscope.annotate.ItemStatus;
import io.metroscope.annotate.ItemSummary;
import io.metroscope.annotate.ProjectImporter;
import io.metroscope.annotate.QueueFilter;
import io.metroscope.annotate.QueueProgress;
import io.metroscope.annotate.QueueSort;
import io.metroscope.annotate.RefitModel;
import io.metroscope.annotate.RefitOptions;
import io.metroscope.annotate.RefitRequest;
import io.metroscope.annotate.RefitResult;
import io.metroscope.annotate.Refitter;
import io.metroscope.annotate.ReviewQueue;
import io.metroscope.annotate.TrainingExport;
import io.metroscope.body.TemplateKind;
import io.metroscope.jobs.Job;
import io.metroscope.jobs.JobService;
import io.metroscope.jobs.JobWork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Annotate workspace's state on the FX thread: the open project, its review queue, the current item and the
 * progress, and the actions the view offers. Edits are single small transactions and run here directly; imports and
 * exports run as background jobs and refresh the queue when they finish. Failures go to {@code onError}.
 */
public final class AnnotateSession {

    /** Reports a failure to the user: a header and the cause. */
    @FunctionalInterface
    public interface ErrorSink {
        void report(String header, Throwable error);
    }

    private final JobService jobs;
    private final Consumer<Job<?>> jobTracker;
    private final ErrorSink onError;
    private final ReadOnlyObjectWrapper<AnnotationProject> project = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ItemSnapshot> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<QueueProgress> progress = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("No project: New Project… or Open Project…");
    private final ObservableList<ItemSummary> rows = FXCollections.observableArrayList();
    private final ObservableList<String> labelers = FXCollections.observableArrayList();
    private final ObjectProperty<QueueFilter> filter = new SimpleObjectProperty<>(QueueFilter.all());
    private final ObjectProperty<QueueSort> sort = new SimpleObjectProperty<>(QueueSort.IMPORT_ORDER);
    private final ReadOnlyObjectWrapper<RefitProposal> proposal = new ReadOnlyObjectWrapper<>();
    private final javafx.beans.property.ReadOnlyBooleanWrapper refitting =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private ReviewQueue queue;
    private Refitter refitter;

    /** A refit's result for one item, shown until accepted, discarded, or another item is shown. */
    public record RefitProposal(long itemId, RefitResult result) {
    }

    public AnnotateSession(JobService jobs, Consumer<Job<?>> jobTracker, ErrorSink onError) {
        this.jobs = jobs;
        this.jobTracker = jobTracker;
        this.onError = onError;
        current.addListener((o, a, s) -> {
            RefitProposal p = proposal.get();
            if (p != null && (s == null || s.id() != p.itemId())) {
                proposal.set(null);
            }
        });
        filter.addListener((o, a, f) -> requery());
        sort.addListener((o, a, s) -> requery());
    }

    public ReadOnlyObjectProperty<AnnotationProject> projectProperty() {
        return project.getReadOnlyProperty();
    }

    /** The item being edited, re-read after every change; null without a project or items. */
    public ReadOnlyObjectProperty<ItemSnapshot> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QueueProgress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The refit proposal on show, or null. */
    public ReadOnlyObjectProperty<RefitProposal> proposalProperty() {
        return proposal.getReadOnlyProperty();
    }

    /** Whether a refit is running. */
    public javafx.beans.property.ReadOnlyBooleanProperty refittingProperty() {
        return refitting.getReadOnlyProperty();
    }

    /** One line about the last thing that happened, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The queue's rows (filtered and sorted). */
    public ObservableList<ItemSummary> rows() {
        return rows;
    }

    /** Labelers named in the project, for the filter. */
    public ObservableList<String> labelers() {
        return labelers;
    }

    public ObjectProperty<QueueFilter> filterProperty() {
        return filter;
    }

    public ObjectProperty<QueueSort> sortProperty() {
        return sort;
    }

    /** Creates a project and makes it the open one. */
    public boolean newProject(Path file, TemplateKind kind) {
        return replaceProject(() -> AnnotationProject.create(file, kind), "New project " + file.getFileName());
    }

    /** Opens a project and makes it the open one. */
    public boolean openProject(Path file) {
        return replaceProject(() -> AnnotationProject.open(file), "Opened " + file.getFileName());
    }

    /** Closes the open project (everything is already saved). */
    public void closeProject() {
        AnnotationProject p = project.get();
        if (p != null) {
            project.set(null);
            queue = null;
            refitter = null; // it measures with the project's template
            rows.clear();
            current.set(null);
            progress.set(null);
            p.close();
            message.set("Closed " + p.file().getFileName());
        }
    }

    private interface Opener {
        AnnotationProject open() throws IOException;
    }

    private boolean replaceProject(Opener opener, String done) {
        AnnotationProject next;
        try {
            next = opener.open();
        } catch (IOException | RuntimeException e) {
            onError.report("The project could not be opened", e);
            return false;
        }
        closeProject();
        project.set(next);
        queue = new ReviewQueue(next, next.editor());
        requery();
        message.set(done + " (" + next.meta().kind().id() + ", " + rows.size() + " items)");
        return true;
    }

    /** Re-reads the rows, labelers and progress, keeping the current item when it still passes the filter. */
    public void requery() {
        if (queue == null) {
            return;
        }
        act("Reading the queue failed", () -> {
            queue.setFilter(filter.get());
            rows.setAll(queue.setSort(sort.get()));
            labelers.setAll(queue.labelers());
            progress.set(queue.progress());
            showCurrent();
        });
    }

    /** Makes the row with {@code id} current. */
    public void select(long id) {
        if (queue != null && queue.select(id)) {
            act("Reading the item failed", this::showCurrent);
        }
    }

    public void next() {
        if (queue != null && queue.next() != null) {
            act("Reading the item failed", this::showCurrent);
        } else if (queue != null) {
            message.set("Last item of the queue");
        }
    }

    public void previous() {
        if (queue != null && queue.previous() != null) {
            act("Reading the item failed", this::showCurrent);
        } else if (queue != null) {
            message.set("First item of the queue");
        }
    }

    /** Accepts the current item and moves on. */
    public void accept() {
        review(ItemStatus.ACCEPTED);
    }

    /** Rejects the current item and moves on. */
    public void reject() {
        review(ItemStatus.REJECTED);
    }

    /** Flags the current item for review and moves on. */
    public void flag() {
        review(ItemStatus.NEEDS_REVIEW);
    }

    private void review(ItemStatus status) {
        edit("Setting the status failed", id -> {
            switch (status) {
                case ACCEPTED -> queue.accept();
                case REJECTED -> queue.reject();
                default -> queue.flag();
            }
            message.set("Item " + id + ": " + status.label());
        });
        if (queue != null && queue.next() != null) {
            act("Reading the item failed", this::showCurrent);
        }
    }

    public void comment(String text) {
        edit("The comment could not be saved", id -> queue.comment(text));
    }

    public void moveJoint(int joint, double x, double y) {
        edit("Moving the joint failed", id -> editor().moveJoint2d(id, joint, (float) x, (float) y));
    }

    public void setVisibility(int joint, boolean visible) {
        edit("Changing the visibility failed", id -> editor().setVisibility(id, joint, visible));
    }

    /** Rotates kinematic joint {@code joint} by axis-angle {@code rotation} (radians, camera frame). */
    public void rotateJoint(int joint, double[] rotation) {
        edit("Rotating the joint failed", id -> editor().rotateJoint(id, joint, rotation));
    }

    public void rotateMesh(double[] rotation) {
        edit("Rotating the mesh failed", id -> editor().rotateMesh(id, rotation));
    }

    public void translateMesh(double[] delta) {
        edit("Moving the mesh failed", id -> editor().translateMesh(id, delta));
    }

    public void scaleMesh(double factor) {
        edit("Scaling the mesh failed", id -> editor().scaleMesh(id, factor));
    }

    /** Changes the body shape along the template's shape directions (one undoable edit). */
    public void reshape(double[] deltaBetas) {
        edit("Changing the shape failed", id -> editor().reshape(id, deltaBetas));
    }

    /**
     * Refits a copy of {@code source} on the current item in the background (see {@link Refitter}); the result
     * becomes the {@link #proposalProperty() proposal}. Returns null when there is no item.
     */
    public Job<RefitResult> refit(RefitModel source, RefitOptions options) {
        ItemSnapshot s = current.get();
        AnnotationProject p = requireProject();
        if (s == null) {
            return null;
        }
        Refitter r = refitter != null && refitter.source().checkpoint().equals(source.checkpoint())
                && refitter.source().device().equals(source.device()) ? refitter
                : new Refitter(source, p.template().template());
        refitter = r;
        proposal.set(null);
        refitting.set(true);
        message.set("Refitting item " + s.id() + " with " + source.id() + "…");
        Job<RefitResult> job = run("Refitting item " + s.id(), ctx -> r.refit(RefitRequest.forItem(s), options, ctx),
                result -> {
                    ItemSnapshot now = current.get();
                    if (now != null && now.id() == s.id()) {
                        proposal.set(new RefitProposal(s.id(), result));
                    }
                    message.set(String.format(java.util.Locale.ROOT, "Refit proposal: 2D error %.1f px → %.1f px "
                            + "(%.0f %% cut) — Accept or Discard", result.errorBeforePx(), result.errorAfterPx(),
                            100 * result.errorCut()));
                });
        job.result().whenComplete((r2, e) -> Platform.runLater(() -> refitting.set(false)));
        return job;
    }

    /** Writes the proposal into the item as one undoable edit. */
    public void acceptProposal() {
        RefitProposal p = proposal.get();
        ItemSnapshot s = current.get();
        if (p == null || s == null || s.id() != p.itemId()) {
            return;
        }
        edit("Accepting the refit failed", id -> {
            editor().applyRefit(id, p.result());
            message.set("Refit accepted (Ctrl+Z undoes it)");
        });
        proposal.set(null);
    }

    /** Drops the proposal. */
    public void discardProposal() {
        if (proposal.get() != null) {
            proposal.set(null);
            message.set("Refit discarded");
        }
    }

    public void undo() {
        edit("Undo failed", id -> message.set(editor().undo(id) == null ? "Nothing to undo" : "Undone"));
    }

    public void redo() {
        edit("Redo failed", id -> message.set(editor().redo(id) == null ? "Nothing to redo" : "Redone"));
    }

    /** Reconstructs {@code images} with {@code model} into new items, in the background. */
    public Job<ImportReport> importImages(List<Path> images, ImageReconstructor model) {
        return importJob("Importing " + images.size() + " images", (importer, ctx) -> importer.importImages(images,
                model, ctx));
    }

    /** Imports reconstruction JSON files, in the background. */
    public Job<ImportReport> importReconstructionJson(List<Path> files) {
        return importJob("Importing " + files.size() + " reconstructions", (importer, ctx) ->
                importer.importReconstructionJson(files));
    }

    /** Imports a reconstruction NPZ with its images, in the background. */
    public Job<ImportReport> importReconstructionNpz(Path npz, List<Path> images) {
        return importJob("Importing " + npz.getFileName(), (importer, ctx) ->
                importer.importReconstructionNpz(npz, images));
    }

    /** Imports OBJ/PLY meshes beside their images, in the background. */
    public Job<ImportReport> importMeshes(List<Path> meshes) {
        return importJob("Importing " + meshes.size() + " meshes", (importer, ctx) -> importer.importMeshes(meshes));
    }

    /** Exports the items of {@code statuses} as a training folder, in the background. */
    public Job<Integer> exportTraining(Path folder, Set<ItemStatus> statuses) {
        AnnotationProject p = requireProject();
        return run("Exporting a training folder", ctx -> {
            TrainingExport export = new TrainingExport(p);
            export.requireItems(statuses);
            return export.write(folder, statuses, TrainingExport.DEFAULT_SIZE, ctx);
        }, n -> message.set("Exported " + n + " items to " + folder));
    }

    /** Exports the items of {@code statuses} in METRO's TSV layout, in the background. */
    public Job<Integer> exportTsv(Path folder, Set<ItemStatus> statuses) {
        AnnotationProject p = requireProject();
        return run("Exporting METRO TSV", ctx -> new io.metroscope.annotate.TsvExport(p).write(folder, statuses, ctx),
                n -> message.set("Exported " + n + " items as METRO TSV to " + folder));
    }

    /**
     * Imports SMPL parameter files (EFT / NeuralAnnot style) beside their images, posed with the SMPL model file
     * {@code smplModel} (read and checked to be an SMPL body in the background too).
     */
    public Job<ImportReport> importSmplParameters(List<Path> files, Path smplModel) {
        return importJob("Importing " + files.size() + " SMPL parameter files", (importer, ctx) ->
                importer.importSmplParameters(files, io.metroscope.body.BodyModelFile.readSmpl(smplModel)));
    }

    /** Exports the items of {@code statuses} as OBJ + JSON files, in the background. */
    public Job<Integer> exportItems(Path folder, Set<ItemStatus> statuses) {
        AnnotationProject p = requireProject();
        return run("Exporting meshes", ctx -> new ItemFileExport(p).write(folder, statuses, ctx),
                n -> message.set("Exported " + n + " items to " + folder));
    }

    private interface ImportWork {
        ImportReport run(ProjectImporter importer, io.metroscope.jobs.JobContext context) throws Exception;
    }

    private Job<ImportReport> importJob(String title, ImportWork work) {
        AnnotationProject p = requireProject();
        return run(title, ctx -> work.run(new ProjectImporter(p), ctx), report -> {
            requery();
            message.set(report.summary());
            if (!report.problems().isEmpty()) {
                onError.report(report.summary(), new IOException(String.join("\n", report.problems())));
            }
        });
    }

    private <T> Job<T> run(String title, JobWork<T> work, Consumer<T> done) {
        Job<T> job = jobs.submit(title, work);
        jobTracker.accept(job);
        job.result().whenComplete((r, e) -> Platform.runLater(() -> {
            if (e == null) {
                done.accept(r);
            } else if (!(e instanceof java.util.concurrent.CancellationException)) {
                onError.report(title + " failed", e instanceof java.util.concurrent.CompletionException
                        && e.getCause() != null ? e.getCause() : e);
            }
        }));
        return job;
    }

    private AnnotationProject requireProject() {
        AnnotationProject p = project.get();
        if (p == null) {
            throw new IllegalStateException("Create or open a project first (New Project… or Open Project…)");
        }
        return p;
    }

    private ItemEditor editor() {
        return requireProject().editor();
    }

    private interface ItemAction {
        void run(long itemId) throws IOException;
    }

    private interface Action {
        void run() throws IOException;
    }

    /** Runs an edit of the current item, then re-reads it, its row and the progress. */
    private void edit(String failure, ItemAction action) {
        ItemSnapshot s = current.get();
        if (s == null || queue == null) {
            return;
        }
        act(failure, () -> {
            action.run(s.id());
            queue.reloadCurrent();
            int at = queue.position();
            if (at >= 0 && at < rows.size()) {
                rows.set(at, queue.rows().get(at));
            }
            progress.set(queue.progress());
            labelers.setAll(queue.labelers());
            showCurrent();
        });
    }

    private void act(String failure, Action action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            onError.report(failure, e);
            message.set(failure + ": " + e.getMessage());
        }
    }

    private void showCurrent() throws IOException {
        Long id = queue.current();
        current.set(id == null ? null : editor().snapshot(id));
    }

    /** The current row's position in {@link #rows()}, or −1. */
    public int position() {
        return queue == null ? -1 : queue.position();
    }
}
