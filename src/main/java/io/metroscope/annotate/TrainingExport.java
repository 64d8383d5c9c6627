package io.metroscope.annotate;

import io.metroscope.body.MetroTemplate;
import io.metroscope.format.AtomicFiles;
import io.metroscope.format.FormatException;
import io.metroscope.format.Npz;
import io.metroscope.jobs.JobContext;
import io.metroscope.train.PngWriter;
import io.metroscope.train.TrainingFolderWriter;
import io.metroscope.train.TrainingManifest;
import io.metroscope.train.TrainingItem;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports a project's items of the chosen statuses (by default the accepted ones) as a training folder the Fine-tune
 * side reads with {@link io.metroscope.train.TrainingFolder}: each item's crop resampled to {@code size}², its labels from
 * {@link ExportedLabels}, the project's template, and {@code dataset.json} (written last) whose {@code generator}
 * records the project and, per exported index, the item it came from. The folder appears whole or not at all
 * ({@link ExportFolders}).
 */
public final class TrainingExport {

    /** The crop side METRO trains on. */
    public static final int DEFAULT_SIZE = 224;

    private final AnnotationProject project;

    public TrainingExport(AnnotationProject project) {
        this.project = project;
    }

    /** Writes the items with a status in {@code statuses} into the new folder {@code target}; returns the count. */
    public int write(Path target, Set<ItemStatus> statuses, int size, JobContext context) throws IOException {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("choose at least one status to export");
        }
        List<ItemSummary> rows = project.database().read(c -> ItemTable.summaries(c,
                QueueFilter.all().withStatuses(statuses), QueueSort.IMPORT_ORDER));
        MetroTemplate template = project.template().template();
        byte[] templateBytes = project.templateBytes();
        List<Map<String, Object>> sources = new ArrayList<>();
        ExportFolders.write(target, dir -> {
            java.nio.file.Files.createDirectories(dir.resolve("images"));
            java.nio.file.Files.createDirectories(dir.resolve("labels"));
            AtomicFiles.write(dir.resolve("template.npz"), out -> out.write(templateBytes));
            for (int i = 0; i < rows.size(); i++) {
                context.checkCancelled();
                long id = rows.get(i).id();
                int index = i;
                StoredItem stored = project.database().read(c -> StoredItem.read(c, id));
                AnnotatedItem item = stored.item();
                TrainingItem labels = ExportedLabels.of(index, template, item, stored.mesh(), stored.joints(), size);
                Path image = project.imageFile(item.summary().imagePath());
                RgbImage crop = CropSampler.sample(ImageDecoder.decode(image, ImageFacts.decodeOptions()), item.crop(),
                        size);
                byte[] png = PngWriter.encode(crop.rgb(), size, size);
                AtomicFiles.write(dir.resolve(TrainingFolderWriter.imageName(index)), out -> out.write(png));
                byte[] npz = Npz.toBytes(TrainingFolderWriter.arrays(labels), false);
                AtomicFiles.write(dir.resolve(TrainingFolderWriter.labelsName(index)), out -> out.write(npz));
                sources.add(item.provenance("index", index));
                context.progress((i + 1) / (double) rows.size());
            }
            TrainingManifest.write(dir, manifest(templateBytes, rows.size(), size, statuses, sources));
        });
        return rows.size();
    }

    private Map<String, Object> manifest(byte[] templateBytes, int count, int size, Set<ItemStatus> statuses,
            List<Map<String, Object>> sources) {
        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("name", "metroscope annotate");
        generator.put("class", TrainingExport.class.getName());
        generator.put("version", 1);
        generator.put("project", project.file().getFileName().toString());
        generator.put("statuses", statuses.stream().map(ItemStatus::id).sorted().toList());
        generator.put("exported_at", Instant.now().toString());
        generator.put("exported_by", project.author());
        generator.put("pose_and_betas", "not known for corrected meshes: empty arrays");
        generator.put("sources", sources);
        return TrainingManifest.of(project.template(), templateBytes, project.meta().templateSource(), count, size,
                generator);
    }

    /** Throws when the export would be empty, with a message saying what to do. */
    public void requireItems(Set<ItemStatus> statuses) throws FormatException {
        int n = project.database().read(c -> ItemTable.summaries(c, QueueFilter.all().withStatuses(statuses),
                QueueSort.IMPORT_ORDER).size());
        if (n == 0) {
            throw new FormatException(project.file(), "no item is " + statuses.stream().map(ItemStatus::label)
                    .sorted().toList() + " yet", "accept some items (key A) before exporting a training set");
        }
    }
}
