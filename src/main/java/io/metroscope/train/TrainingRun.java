package io.metroscope.train;

import ai.djl.Device;
import io.metroscope.body.ManoModel;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.SmplModel;
import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A training run as an interactive front end drives it: opens the recipe's data and validation (training folders
 * or METRO TSV datasets) and the template,
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

        /**
         * Something the samples lack and why (e.g. no SMPL model: joints only), or how the run starts (its camera
         * centring), once before training starts.
         */
        void note(String text);

        /** Predictions of the preview items: {@code initial} for the starting weights, else the new best ones. */
        void preview(List<TrainingPreview.Panel> panels, boolean initial, String label);
    }

    private TrainingRun() {
    }

    /**
     * Trains {@code recipe} on {@code device}; returns the state reached (finished, or stopped through control).
     * The recipe's data and validation may each be a training folder or a METRO TSV dataset; {@code smpl} /
     * {@code mano} (either may be null: joints only) pose TSV labels into meshes, and what the samples lack because
     * of them is reported through {@link Listener#note} before training starts.
     */
    public static TrainerState run(Recipe recipe, Device device, SmplModel smpl, ManoModel mano,
            TrainingControl control, Listener listener) throws IOException {
        Path dataPath = Path.of(recipe.data());
        requireKind(dataPath, recipe);
        Path validationPath = validationPath(recipe);
        if (validationPath != null) {
            requireKind(validationPath, recipe);
        }
        MetroTemplate template = OpenTemplates.read(TrainingData.templateFile(dataPath, recipe.kind())).template();
        TrainingData data = TrainingData.open(dataPath, template, smpl, mano);
        TrainingData validation = null;
        try {
            validation = validationPath == null ? null : TrainingData.open(validationPath, template, smpl, mano);
            Set<String> notes = new LinkedHashSet<>(data.notes());
            if (validation != null) {
                notes.addAll(validation.notes());
            }
            notes.forEach(listener::note);
            return train(recipe, device, control, listener, template, data, validation);
        } finally {
            try {
                close(validation);
            } finally {
                close(data);
            }
        }
    }

    private static TrainerState train(Recipe recipe, Device device, TrainingControl control, Listener listener,
            MetroTemplate template, TrainingData data, TrainingData validation) throws IOException {
        TrainingPreview preview = TrainingPreview.of(validation != null ? validation.source() : data.source(),
                PREVIEW_ITEMS, template);
        AtomicReference<Trainer> current = new AtomicReference<>();
        try (Trainer trainer = Trainer.open(recipe, template, data.source(),
                validation == null ? null : validation.source(), Path.of(recipe.output()), device, p -> {
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
            trainer.cameraShift().ifPresent(shift -> listener.note("Start: " + shift));
            int n = recipe.limit() > 0 ? Math.min(recipe.limit(), data.size()) : data.size();
            TrainerState start = trainer.state();
            listener.started(start, n, (n + recipe.batchSize() - 1) / recipe.batchSize());
            listener.preview(preview.render(trainer.model()), true, start.steps() == 0 ? "initial weights"
                    : String.format(Locale.ROOT, "resumed: epoch %d, step %d", start.epoch() + 1, start.steps()));
            return trainer.run();
        }
    }

    private static Path validationPath(Recipe recipe) {
        return recipe.validation() == null || recipe.validation().isBlank() ? null : Path.of(recipe.validation());
    }

    /** Whether the recipe's data or validation is a TSV dataset, whose labels need SMPL/MANO to become meshes. */
    public static boolean needsBodyModels(Recipe recipe) {
        Path validation = validationPath(recipe);
        return recipe.data() != null && TrainingData.isTsv(Path.of(recipe.data()))
                || validation != null && TrainingData.isTsv(validation);
    }

    private static void close(TrainingData d) throws IOException {
        if (d == null) {
            return;
        }
        try {
            d.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** The best checkpoint of a run's output folder ({@code best/model.pt}), or null when there is none yet. */
    public static Path bestCheckpoint(Path output) {
        Path best = output.resolve("best").resolve(Trainer.MODEL);
        return Files.isRegularFile(best) ? best : null;
    }

    /** Whether an output folder holds a run that a trainer opened on it would resume. */
    public static boolean resumable(Path output) {
        return Trainer.resumable(output) != null;
    }

    /** The dataset at {@code path} holds items of the recipe's kind, else a message naming its file and the fix. */
    public static void requireKind(Path path, Recipe recipe) throws IOException {
        MeshKind kind = MeshKind.of(TrainingData.kindOf(path));
        if (kind != recipe.kind()) {
            String k = kind.name().toLowerCase(Locale.ROOT);
            String wanted = recipe.kind().name().toLowerCase(Locale.ROOT);
            Path file = TrainingData.isTrainingFolder(path) ? path.resolve(TrainingFolder.MANIFEST) : path;
            throw new FormatException(file, "the dataset holds " + k + " items but the recipe trains a " + wanted
                    + " network", "choose a " + k + " recipe (e.g. official-" + k + ") or a " + wanted + " dataset");
        }
    }
}
