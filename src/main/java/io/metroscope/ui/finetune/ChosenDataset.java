package io.metroscope.ui.finetune;

import io.metroscope.app.ConfiguredBodyModels;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.TemplateKind;
import io.metroscope.model.MeshKind;
import io.metroscope.train.MetroTsvDataset;
import io.metroscope.train.TrainingData;
import io.metroscope.train.TrainingFolder;
import io.metroscope.train.TrainingPreview;
import io.metroscope.vision.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A dataset the Dataset pane has opened: a training folder or a METRO TSV dataset, with what the pane shows of it.
 * Made on a job worker by {@link #open}; JavaFX-free.
 *
 * @param path         the folder or yaml as chosen
 * @param kind         the kind of its items
 * @param size         item count
 * @param tsv          whether it is a METRO TSV dataset
 * @param summary      the one-line description (with notes on following lines)
 * @param templateFile the template a network trained on it uses ({@link TrainingData#templateFile})
 * @param imageFiles   thumbnail image files (training folders; JavaFX decodes them in the background)
 * @param crops        thumbnail crops decoded already (TSV datasets keep their images inside the TSV)
 */
record ChosenDataset(Path path, TemplateKind kind, int size, boolean tsv, String summary, Path templateFile,
        List<Path> imageFiles, List<RgbImage> crops) {

    /** The mesh kind a recipe needs to train on it. */
    MeshKind meshKind() {
        return MeshKind.of(kind);
    }

    /**
     * Opens {@code path} and prepares up to {@code thumbnails} thumbnails of {@code side} px; {@code models} gives the
     * SMPL/MANO model for TSV labels of a kind. Bad data is an {@link IOException} naming the file and the fix.
     */
    static ChosenDataset open(Path path, Function<TemplateKind, ConfiguredBodyModels.Loaded> models, int thumbnails,
            int side) throws IOException {
        if (!TrainingData.isTsv(path)) {
            TrainingFolder f = TrainingFolder.open(path);
            List<Path> files = new ArrayList<>();
            for (int item : spread(f.size(), thumbnails)) {
                files.add(f.imageFile(item));
            }
            return new ChosenDataset(path, f.kind(), f.size(), false, describe(f), TrainingData.templateFile(path,
                    MeshKind.of(f.kind())), files, List.of());
        }
        TemplateKind kind = TrainingData.kindOf(path);
        MeshKind mesh = MeshKind.of(kind);
        Path templateFile = TrainingData.templateFile(path, mesh);
        MetroTemplate template = OpenTemplates.read(templateFile).template();
        ConfiguredBodyModels.Loaded loaded = models.apply(kind);
        try (MetroTsvDataset d = MetroTsvDataset.open(path, template, loaded.smpl(), loaded.mano())) {
            List<RgbImage> crops = new ArrayList<>();
            for (int item : spread(d.size(), thumbnails)) {
                crops.add(shrink(TrainingPreview.crop(d.get(item).image()), side));
            }
            return new ChosenDataset(path, kind, d.size(), true, describe(d.size(), kind, loaded, d.notes()),
                    templateFile, List.of(), crops);
        }
    }

    /** {@code count} item numbers spread evenly over {@code size} items (all of them when there are fewer). */
    static int[] spread(int size, int count) {
        int n = Math.min(count, size);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = (int) ((long) k * size / n);
        }
        return out;
    }

    /** E.g. {@code 12 items · body template (14 joints) · 224×224 px}. */
    static String describe(TrainingFolder f) {
        String size = f.imageSize() + "×" + f.imageSize() + " px" + (f.imageSize() == 224 ? ""
                : " (resized and centre-cropped to 224)");
        return String.format(Locale.ROOT, "%d item%s · %s template (%d joints) · %s", f.size(), f.size() == 1 ? ""
                : "s", f.kind().id(), f.jointNames().size(), size);
    }

    /**
     * E.g. {@code 3 items · body · METRO TSV · meshes from SMPL (SMPL_NEUTRAL.pkl)}, or {@code … · joints only} with
     * the reason; the dataset's notes follow when a model was set but is not used.
     */
    static String describe(int size, TemplateKind kind, ConfiguredBodyModels.Loaded loaded, List<String> notes) {
        String model = kind == TemplateKind.BODY ? "SMPL" : "MANO";
        String meshes = loaded.posesMeshes() && notes.isEmpty() ? "meshes from " + model + " ("
                + loaded.file().getFileName() + ")" : loaded.file() == null ? "joints only (no " + model
                + " model set: View ▸ Body Model Files…)" : "joints only";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d item%s · %s · METRO TSV · %s", size,
                size == 1 ? "" : "s", kind.id(), meshes));
        if (loaded.file() != null) {
            for (String note : loaded.notes().isEmpty() ? notes : loaded.notes()) {
                out.append("\nNote: ").append(note).append('.');
            }
        }
        return out.toString();
    }

    /** {@code image} scaled to fit {@code side} px (area average), for thumbnails. */
    static RgbImage shrink(RgbImage image, int side) {
        double scale = Math.max(image.width(), image.height()) / (double) side;
        if (scale <= 1) {
            return image;
        }
        int w = Math.max(1, (int) Math.round(image.width() / scale));
        int h = Math.max(1, (int) Math.round(image.height() / scale));
        byte[] src = image.rgb();
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            int y0 = y * image.height() / h;
            int y1 = Math.max(y0 + 1, (y + 1) * image.height() / h);
            for (int x = 0; x < w; x++) {
                int x0 = x * image.width() / w;
                int x1 = Math.max(x0 + 1, (x + 1) * image.width() / w);
                for (int c = 0; c < 3; c++) {
                    long sum = 0;
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            sum += src[3 * (yy * image.width() + xx) + c] & 0xFF;
                        }
                    }
                    rgb[3 * (y * w + x) + c] = (byte) (sum / ((long) (y1 - y0) * (x1 - x0)));
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
