package io.metroscope.annotate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.format.AtomicFiles;
import io.metroscope.format.MeshData;
import io.metroscope.format.MeshFiles;
import io.metroscope.jobs.JobContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports items as one OBJ (the corrected mesh, template faces) and one JSON per item with its provenance: the
 * project, the image and its SHA-256, where the mesh came from, the template, status, labeler, the camera, 2D and 3D
 * joints, comments and who edited it. Files are named {@code <image stem>_<item id>.obj|json}, each written to a
 * temporary file and renamed; the folder as a whole appears at once ({@link ExportFolders}).
 */
public final class ItemFileExport {

    /** The {@code format} value of the JSON files. */
    public static final String FORMAT = "metroscope-annotation-item";

    private final AnnotationProject project;

    public ItemFileExport(AnnotationProject project) {
        this.project = project;
    }

    /** Writes the items with a status in {@code statuses} into the new folder {@code target}; returns the count. */
    public int write(Path target, Set<ItemStatus> statuses, JobContext context) throws IOException {
        List<ItemSummary> rows = project.database().read(c -> ItemTable.summaries(c,
                QueueFilter.all().withStatuses(statuses), QueueSort.IMPORT_ORDER));
        int[] faces = project.template().template().faces();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ExportFolders.write(target, dir -> {
            for (int i = 0; i < rows.size(); i++) {
                context.checkCancelled();
                long id = rows.get(i).id();
                StoredItem stored = project.database().read(c -> StoredItem.read(c, id));
                String name = baseName(stored.item());
                MeshFiles.write(dir.resolve(name + ".obj"), MeshData.of(stored.mesh().currentVertices(), faces));
                Map<String, Object> record = record(stored.item(), stored.mesh(), stored.joints(), stored.comments(),
                        stored.history(), name + ".obj");
                byte[] bytes = json.writeValueAsBytes(record);
                AtomicFiles.write(dir.resolve(name + ".json"), out -> out.write(bytes));
                context.progress((i + 1) / (double) rows.size());
            }
        });
        return rows.size();
    }

    static String baseName(AnnotatedItem item) {
        String path = item.summary().imagePath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        String stem = (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9._-]", "_");
        return stem + "_" + item.id();
    }

    private Map<String, Object> record(AnnotatedItem item, MeshState mesh, Joints2d joints, List<Comment> comments,
            List<HistoryEntry> history, String meshFile) {
        ItemSummary s = item.summary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", 1);
        m.put("project", project.file().getFileName().toString());
        m.put("item_id", item.id());
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("path", s.imagePath());
        image.put("sha256", item.imageSha256());
        image.put("width", item.imageWidth());
        image.put("height", item.imageHeight());
        m.put("image", image);
        m.put("mesh", meshFile);
        m.put("mesh_source", item.source());
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("kind", project.meta().kind().id());
        template.put("sha256", project.meta().templateSha256());
        template.put("source", project.meta().templateSource());
        m.put("template", template);
        m.put("status", s.status().id());
        m.put("labeler", s.labeler());
        m.put("estimated_error_mm", s.estimatedError());
        m.put("crop", item.crop());
        m.put("camera", mesh.camera());
        m.put("camera_model", "weak perspective [s, tx, ty] on the crop: x = s*(X + tx), y = s*(Y + ty) in [-1, 1]");
        Map<String, Object> j2d = new LinkedHashMap<>();
        j2d.put("names", project.template().template().tokenJointNames());
        j2d.put("units", "original image pixels");
        j2d.put("xy", joints.positions());
        boolean[] visible = new boolean[joints.count()];
        for (int j = 0; j < visible.length; j++) {
            visible[j] = joints.visible(j);
        }
        j2d.put("visible", visible);
        m.put("joints_2d", j2d);
        m.put("joints_3d", mesh.joints3d());
        m.put("comments", comments.stream().map(c -> Map.of("author", c.author(), "at",
                Instant.ofEpochMilli(c.createdAt()).toString(), "text", c.text())).toList());
        Map<String, Object> edits = new LinkedHashMap<>();
        edits.put("entries", history.size());
        edits.put("authors", history.stream().map(HistoryEntry::author).distinct().sorted().toList());
        edits.put("last_at", history.isEmpty() ? null
                : Instant.ofEpochMilli(history.get(history.size() - 1).createdAt()).toString());
        m.put("history", edits);
        m.put("imported_at", Instant.ofEpochMilli(item.createdAt()).toString());
        m.put("exported_at", Instant.now().toString());
        m.put("exported_by", project.author());
        return m;
    }
}
