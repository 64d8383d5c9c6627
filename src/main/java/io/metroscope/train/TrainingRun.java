package io.metroscope.train;

import ai.djl.Device;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A training run as an interactive front end drives it: opens the recipe's data, validation folder and template,
 * opens (or resumes) the {@link Trainer} under a {@link TrainingControl}, and reports progress and previews of a few
 * fixed items — with the starting weights, then whenever the best checkpoint improves. Runs on the caller's thread;
 * listener calls come on that thread too.
 */
public final class TrainingRun {

    /** Items shown in the previews. */
    public static final int PREVIEW_ITEMS = 4;

    /** What the run reports; every call comes on the training thread. */
    public interface Listener {

        /** The trainer is open: {@code state} is where it starts (steps 0 for a fresh run). */
        void started(TrainerState state, int trainingItems, int batchesPerEpoch);

        /** After every batch and every epoch ({@code p.batch() < 0}), with the trainer's state then. */
        void progress(Trainer.Progress p, TrainerState state);

        /** Predictions of the preview items: {@code initial} for the starting weights, else the new best ones. */
        void preview(List<TrainingPreview.Panel> panels, boolean initial, String label);
    }

    private TrainingRun() {
    }

    /** Trains {@code recipe} on {@code device}; returns the state reached (finished, or stopped through control). */
    public static TrainerState run(Recipe recipe, Device device, TrainingControl control, Listener listener)
            throws IOException {
        TrainingFolder folder = TrainingFolder.open(Path.of(recipe.data()));
        requireKind(folder, recipe);
        TrainingFolder validationFolder = null;
        if (recipe.validation() != null && !recipe.validation().isBlank()) {
            validationFolder = TrainingFolder.open(Path.of(recipe.validation()));
            requireKind(validationFolder, recipe);
        }
        MetroTemplate template = OpenTemplates.read(templateFile(folder, recipe)).template();
        TrainingPreview preview = TrainingPreview.of(validationFolder != null ? validationFolder : folder,
                PREVIEW_ITEMS, template);
        TrainingSource validation = validationFolder == null ? null : TrainingSource.of(validationFolder);
        AtomicReference<Trainer> current = new AtomicReference<>();
        try (Trainer trainer = Trainer.open(recipe, template, TrainingSource.of(folder), validation,
                Path.of(recipe.output()), device, p -> {
                    Trainer t = current.get();
                    listener.progress(p, t.state());
                    if (p.batch() < 0 && t.state().bestEpoch() == p.epoch()) {
                        listener.preview(preview.render(t.model()), false, String.format(Locale.ROOT,
                                "best: epoch %d (%s %.4g)", p.epoch() + 1, t.state().bestMetric(),
                                t.state().bestScore()));
                    }
                })) {
            current.set(trainer);
            trainer.setControl(control);
            int n = recipe.limit() > 0 ? Math.min(recipe.limit(), folder.size()) : folder.size();
            TrainerState start = trainer.state();
            listener.started(start, n, (n + recipe.batchSize() - 1) / recipe.batchSize());
            listener.preview(preview.render(trainer.model()), true, start.steps() == 0 ? "initial weights"
                    : String.format(Locale.ROOT, "resumed: epoch %d, step %d", start.epoch() + 1, start.steps()));
            return trainer.run();
        }
    }

    /** The folder's own template copy, else the open template of the recipe's kind under {@code templates/}. */
    public static Path templateFile(TrainingFolder folder, Recipe recipe) {
        Path inFolder = folder.templateFile();
        if (inFolder != null && Files.isRegularFile(inFolder)) {
            return inFolder;
        }
        return Path.of("templates", recipe.kind().name().toLowerCase(Locale.ROOT) + ".npz");
    }

    /** The best checkpoint of a run's output folder ({@code best/model.pt}), or null when there is none yet. */
    public static Path bestCheckpoint(Path output) {
        Path best = output.resolve("best").resolve("model.pt");
        return Files.isRegularFile(best) ? best : null;
    }

    /** Whether an output folder holds a run that a trainer opened on it would resume. */
    public static boolean resumable(Path output) {
        return Trainer.resumable(output) != null;
    }

    private static void requireKind(TrainingFolder folder, Recipe recipe) throws FormatException {
        MeshKind kind = folder.kind() == TemplateKind.HAND ? MeshKind.HAND : MeshKind.BODY;
        if (kind != recipe.kind()) {
            String k = kind.name().toLowerCase(Locale.ROOT);
            throw new FormatException(folder.dir().resolve(TrainingFolder.MANIFEST), "the folder holds " + k
                    + " items but the recipe trains a " + recipe.kind().name().toLowerCase(Locale.ROOT) + " network",
                    "choose a " + k + " recipe (e.g. official-" + k + ") or a " + recipe.kind().name()
                            .toLowerCase(Locale.ROOT) + " training folder");
        }
    }
}
