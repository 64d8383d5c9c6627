package io.metroscope.bench;

import io.metroscope.annotate.AnnotationProject;
import io.metroscope.annotate.ImageFacts;
import io.metroscope.annotate.ItemEditor;
import io.metroscope.annotate.ItemSnapshot;
import io.metroscope.annotate.Joints2d;
import io.metroscope.annotate.MeshPoser;
import io.metroscope.annotate.NewItem;
import io.metroscope.annotate.ProjectFiles;
import io.metroscope.annotate.ProjectImporter;
import io.metroscope.annotate.ReviewQueue;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.train.PngWriter;
import io.metroscope.vision.CropTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times an annotation project at scale: creates a project of {@code items} items (the template's rest mesh with
 * per-item noise, all pointing at one small image), then measures opening it (open + the queue's rows and progress),
 * moving to the next item (queue step + the item's full snapshot: mesh BLOBs, joints, comments, undo state), one
 * committed joint rotation, and the joint-rotation re-pose alone (what a drag recomputes per frame).
 *
 * <p>Targets (issue 8): open ≤ 2 s for 10,000 items; next item ≤ 100 ms; re-pose at display rate (≤ 16 ms).
 */
public final class AnnotateBenchmark {

    /** Settings of one run; {@code dir} null: a temporary folder, deleted afterwards. */
    public record Options(int items, TemplateKind kind, int opens, int steps, Path dir) {
    }

    /** Medians and 95th percentiles in milliseconds; sizes in bytes. */
    public record Result(int items, String kind, long fileBytes, double createSeconds, double openMedian,
            double openMax, double nextMedian, double nextP95, double editMedian, double reposeMedian,
            double reposeP95, int vertices) {

        /** A Markdown table. */
        public String toTable() {
            StringBuilder sb = new StringBuilder("| measurement | value |\n|---|---|\n");
            row(sb, "project", String.format(Locale.ROOT, "%d %s items (%d vertices each), %.1f MB", items, kind,
                    vertices, fileBytes / 1e6));
            row(sb, "create (one transaction per 500 items)", String.format(Locale.ROOT, "%.1f s", createSeconds));
            row(sb, "open: open + queue rows + progress (median / max)", String.format(Locale.ROOT,
                    "%.0f ms / %.0f ms (target ≤ 2000 ms)", openMedian, openMax));
            row(sb, "next item: queue step + snapshot (median / p95)", String.format(Locale.ROOT,
                    "%.2f ms / %.2f ms (target ≤ 100 ms)", nextMedian, nextP95));
            row(sb, "one committed joint rotation (median)", String.format(Locale.ROOT, "%.1f ms", editMedian));
            row(sb, "joint rotation re-pose by LBS, no commit (median / p95)", String.format(Locale.ROOT,
                    "%.2f ms / %.2f ms (display rate: ≤ 16.7 ms)", reposeMedian, reposeP95));
            return sb.toString();
        }

        private static void row(StringBuilder sb, String k, String v) {
            sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
        }
    }

    private AnnotateBenchmark() {
    }

    public static Result run(Options o) throws IOException {
        Path dir = o.dir() != null ? Files.createDirectories(o.dir()) : Files.createTempDirectory("metroscope-annotate-");
        Path file = dir.resolve("bench-" + o.kind().id() + "-" + o.items() + ProjectFiles.EXTENSION);
        try {
            Files.deleteIfExists(file);
            long t0 = System.nanoTime();
            int vertices;
            try (AnnotationProject p = AnnotationProject.create(file, o.kind())) {
                vertices = fill(p, dir, o.items());
            }
            double create = (System.nanoTime() - t0) / 1e9;

            double[] opens = new double[o.opens()];
            for (int i = 0; i < o.opens(); i++) {
                long a = System.nanoTime();
                try (AnnotationProject p = AnnotationProject.open(file)) {
                    ReviewQueue q = new ReviewQueue(p, p.editor());
                    q.refresh();
                    q.progress();
                    opens[i] = (System.nanoTime() - a) / 1e6;
                }
            }

            double[] next = new double[o.steps()];
            double[] edits = new double[Math.min(20, o.steps())];
            double[] repose = new double[o.steps()];
            try (AnnotationProject p = AnnotationProject.open(file)) {
                ItemEditor editor = p.editor();
                ReviewQueue q = new ReviewQueue(p, editor);
                q.refresh();
                ItemSnapshot s = null;
                for (int i = 0; i < o.steps(); i++) {
                    long a = System.nanoTime();
                    Long id = q.next();
                    s = editor.snapshot(id);
                    next[i] = (System.nanoTime() - a) / 1e6;
                }
                MeshPoser poser = editor.poser();
                float[] v = s.mesh().currentVertices();
                for (int i = 0; i < o.steps(); i++) {
                    long a = System.nanoTime();
                    v = poser.rotateJoint(v, 1 + i % 5, new double[] {0.001, 0.002, 0});
                    repose[i] = (System.nanoTime() - a) / 1e6;
                }
                for (int i = 0; i < edits.length; i++) {
                    long a = System.nanoTime();
                    editor.rotateJoint(s.id(), 1 + i % 5, new double[] {0.01, 0, 0});
                    edits[i] = (System.nanoTime() - a) / 1e6;
                }
            }
            double[] sortedOpens = sorted(opens);
            return new Result(o.items(), o.kind().id(), Files.size(file), create, median(opens),
                    sortedOpens[sortedOpens.length - 1], median(next), percentile(next, 0.95), median(edits),
                    median(repose), percentile(repose, 0.95), vertices);
        } finally {
            if (o.dir() == null) {
                for (String suffix : List.of("", "-wal", "-shm", ".lock")) {
                    Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
                }
                Files.deleteIfExists(dir.resolve("image.png"));
                Files.deleteIfExists(dir);
            }
        }
    }

    private static int fill(AnnotationProject p, Path dir, int count) throws IOException {
        Path image = dir.resolve("image.png");
        Files.write(image, PngWriter.encode(new byte[64 * 64 * 3], 64, 64));
        ImageFacts facts = ImageFacts.of(image);
        MetroTemplate t = p.template().template();
        float[] rest = new float[t.fullVertices().length];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = (float) t.fullVertices()[i];
        }
        int j = t.tokenJoints().size();
        CropTransform crop = new CropTransform(0, 0, 64 / 224.0, 64 / 224.0, 224, 224);
        ProjectImporter importer = new ProjectImporter(p);
        SplittableRandom random = new SplittableRandom(1);
        List<NewItem> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] v = rest.clone();
            for (int k = 0; k < v.length; k++) {
                v[k] += (float) (random.nextDouble() - 0.5) * 0.002f;
            }
            float[] xyv = new float[3 * j];
            for (int k = 0; k < j; k++) {
                xyv[3 * k] = (float) random.nextDouble(64);
                xyv[3 * k + 1] = (float) random.nextDouble(64);
                xyv[3 * k + 2] = 1;
            }
            batch.add(new NewItem("image.png", facts.sha256(), 64, 64, crop, "benchmark", random.nextDouble(100), v,
                    new float[3 * j], new float[] {1, 0, 0}, Joints2d.of(xyv)));
            if (batch.size() == 500 || i == count - 1) {
                importer.add(batch);
                batch.clear();
            }
        }
        return rest.length / 3;
    }

    private static double[] sorted(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static double median(double[] a) {
        return percentile(a, 0.5);
    }

    private static double percentile(double[] a, double q) {
        double[] s = sorted(a);
        return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
    }
}
