package io.metroscope.annotate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.AtomicFiles;
import io.metroscope.jobs.JobContext;
import io.metroscope.train.MetroTsvLabel;
import io.metroscope.train.MetroTsvWriter;
import io.metroscope.train.PngWriter;
import io.metroscope.vision.CropTransform;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports a project's items of the chosen statuses in the official METRO TSV layout ({@link MetroTsvWriter}: the
 * whole frame, its box {@code center}/{@code scale} from the item's crop, 2D joints in image pixels with visibility
 * as confidence, root-relative 3D joints). Body joints go to GraphCMR's 24-joint order (the LSP-14 ones, the head
 * also as Top_of_Head, the pelvis at the origin the meshes are centred on; the rest with confidence 0); hand joints
 * stay in their 21-joint order. The official layout holds SMPL parameters, not vertices: an item imported from SMPL
 * parameters and not edited in 3D keeps its {@code pose}/{@code betas} ({@code has_smpl} 1); for any other item they
 * are zeros with {@code has_smpl} 0. Frames are re-encoded as PNG after EXIF orientation, so the pixels match the
 * joints. The folder appears whole or not at all, with {@code sources.json} naming each row's item.
 */
public final class TsvExport {

    /** The split name of the files ({@code train.img.tsv} …). */
    public static final String SPLIT = "train";

    /** GraphCMR's 24 joints, the official body labels' order. */
    static final List<String> J24 = List.of("R_Ankle", "R_Knee", "R_Hip", "L_Hip", "L_Knee", "L_Ankle", "R_Wrist",
            "R_Elbow", "R_Shoulder", "L_Shoulder", "L_Elbow", "L_Wrist", "Neck", "Top_of_Head", "Pelvis", "Thorax",
            "Spine", "Jaw", "Head", "Nose", "L_Eye", "R_Eye", "L_Ear", "R_Ear");

    private final AnnotationProject project;

    public TsvExport(AnnotationProject project) {
        this.project = project;
    }

    /** Writes the items with a status in {@code statuses} into the new folder {@code target}; returns the count. */
    public int write(Path target, Set<ItemStatus> statuses, JobContext context) throws IOException {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("choose at least one status to export");
        }
        List<ItemSummary> rows = project.database().read(c -> ItemTable.summaries(c,
                QueueFilter.all().withStatuses(statuses), QueueSort.IMPORT_ORDER));
        MetroTemplate template = project.template().template();
        List<Map<String, Object>> sources = new ArrayList<>();
        ExportFolders.write(target, dir -> {
            try (MetroTsvWriter tsv = MetroTsvWriter.create(dir, SPLIT)) {
                for (int i = 0; i < rows.size(); i++) {
                    context.checkCancelled();
                    long id = rows.get(i).id();
                    StoredItem stored = project.database().read(c -> StoredItem.read(c, id));
                    SmplParameters smpl = project.database().read(c -> SmplTable.get(c, id));
                    AnnotatedItem item = stored.item();
                    RgbImage image = ImageDecoder.decode(project.imageFile(item.summary().imagePath()),
                            ImageFacts.decodeOptions());
                    MetroTsvLabel label = label(template, item, stored.mesh(), stored.joints(), smpl);
                    tsv.add(String.format("%06d", i), PngWriter.encode(image.rgb(), image.width(), image.height()),
                            image.width(), image.height(), label);
                    Map<String, Object> s = item.provenance("row", i);
                    s.put("has_smpl", label.hasSmpl());
                    sources.add(s);
                    context.progress((i + 1) / (double) rows.size());
                }
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", "metroscope-annotate-tsv-sources");
            doc.put("project", project.file().getFileName().toString());
            doc.put("template_kind", template.kind().id());
            doc.put("statuses", statuses.stream().map(ItemStatus::id).sorted().toList());
            doc.put("rows", sources);
            byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc);
            AtomicFiles.write(dir.resolve("sources.json"), out -> out.write(json));
        });
        return rows.size();
    }

    /** The label of one item (SMPL parameters only when given and the mesh is still theirs). */
    static MetroTsvLabel label(MetroTemplate template, AnnotatedItem item, MeshState mesh, Joints2d joints,
            SmplParameters smpl) {
        CropTransform crop = item.crop();
        double[] a = crop.toImage(0, 0);
        double[] b = crop.toImage(crop.cropWidth(), crop.cropHeight());
        double[] center = {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2};
        double scale = Math.max(b[0] - a[0], b[1] - a[1]) / 200;
        boolean body = template.kind() == TemplateKind.BODY;
        List<String> names = template.tokenJointNames();
        int n = body ? J24.size() : names.size();
        double[] j2 = new double[3 * n];
        double[] j3 = new double[4 * n];
        float[] joints3d = mesh.joints3d();
        for (int k = 0; k < names.size(); k++) {
            for (int to : targets(body, names.get(k), k)) {
                j2[3 * to] = joints.x(k);
                j2[3 * to + 1] = joints.y(k);
                j2[3 * to + 2] = joints.visible(k) ? 1 : 0;
                j3[4 * to] = joints3d[3 * k];
                j3[4 * to + 1] = joints3d[3 * k + 1];
                j3[4 * to + 2] = joints3d[3 * k + 2];
                j3[4 * to + 3] = 1;
            }
        }
        if (body) {
            // The meshes (and so their joints) are centred on the pelvis: it sits at the origin.
            j3[4 * J24.indexOf("Pelvis") + 3] = 1;
        }
        boolean keepSmpl = smpl != null && Arrays.equals(mesh.currentVertices(), mesh.originalVertices());
        double[] pose = keepSmpl ? smpl.pose() : new double[body ? 72 : 48];
        double[] betas = keepSmpl ? smpl.betas() : new double[10];
        return new MetroTsvLabel(center, scale, j2, true, j3, true, pose, betas, keepSmpl, keepSmpl ? smpl.gender()
                : null);
    }

    private static int[] targets(boolean body, String name, int k) {
        if (!body) {
            return new int[] {k};
        }
        int at = J24.indexOf(name);
        if (name.equals("Head")) {
            return new int[] {at, J24.indexOf("Top_of_Head")};
        }
        if (at < 0) {
            throw new IllegalStateException("body joint " + name + " has no place in GraphCMR's 24 joints");
        }
        return new int[] {at};
    }
}
