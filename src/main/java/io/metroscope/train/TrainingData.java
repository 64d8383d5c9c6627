package io.metroscope.train;

import io.metroscope.body.ManoModel;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.SmplModel;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.AppDirs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a recipe's {@code data} / {@code validation} path, whichever kind it is: a Metroscope training folder (it
 * holds {@code dataset.json}) or a METRO TSV dataset (its yaml, or a folder holding the yaml or
 * {@code <split>.img.tsv}).
 *
 * @param source   the samples
 * @param template the template the data's labels fit (the folder's own, else the one given)
 * @param size     item count
 * @param notes    what the samples lack and why (to show once), e.g. no SMPL model for TSV meshes
 * @param closer   releases open files (no-op for folders)
 */
public record TrainingData(TrainingSource source, MetroTemplate template, int size, List<String> notes,
        AutoCloseable closer) implements AutoCloseable {

    /** Whether {@code path} is a training folder (else it is tried as a TSV dataset). */
    public static boolean isTrainingFolder(Path path) {
        return Files.isDirectory(path) && Files.isRegularFile(path.resolve(TrainingFolder.MANIFEST));
    }

    /**
     * Opens {@code path}; {@code template} (may be null for training folders, which carry theirs) fits TSV labels,
     * {@code smpl} (may be null) poses TSV body labels into meshes.
     */
    public static TrainingData open(Path path, MetroTemplate template, SmplModel smpl) throws IOException {
        return open(path, template, smpl, null);
    }

    /**
     * Opens {@code path} as {@link #open(Path, MetroTemplate, SmplModel)} does; {@code mano} (may be null) poses TSV
     * hand labels into meshes.
     */
    public static TrainingData open(Path path, MetroTemplate template, SmplModel smpl, ManoModel mano)
            throws IOException {
        if (isTrainingFolder(path)) {
            TrainingFolder folder = TrainingFolder.open(path);
            MetroTemplate t = template != null ? template : OpenTemplates.read(folder.templateFile()).template();
            return new TrainingData(TrainingSource.of(folder, MeshFlip.of(t)), t, folder.size(), List.of(), () -> { });
        }
        if (MetroTsvLayout.looksLike(path)) {
            if (template == null) {
                throw new IllegalArgumentException("a TSV dataset needs a template (give --template-file)");
            }
            MetroTsvDataset tsv = MetroTsvDataset.open(path, template, smpl, mano);
            return new TrainingData(tsv, template, tsv.size(), tsv.notes(), tsv);
        }
        throw notADataset(path);
    }

    private static FormatException notADataset(Path path) {
        String what = Files.isDirectory(path) ? "the folder holds neither dataset.json (a training folder) nor a"
                + " METRO yaml / *.img.tsv" : Files.exists(path) ? "the file is not a METRO dataset yaml"
                : "it does not exist";
        return new FormatException(path, what, "give a folder written by 'metroscope synth', or a METRO TSV"
                + " dataset's yaml (e.g. train.yaml) or its folder");
    }

    /**
     * The template a TSV dataset of {@code kind} is read with unless one is given: our open template of that kind
     * ({@code templates/<kind>.npz} where there is one, else the program's own copy in the user's cache).
     */
    public static Path defaultTemplate(MeshKind kind) throws IOException {
        return OpenTemplates.defaultFile(kind.templateKind(), AppDirs.current().assetsCache().resolve("templates"));
    }

    /**
     * The template {@code data} is trained with when none is given: a training folder's own copy, else (a TSV
     * dataset, or a folder without its copy) {@link #defaultTemplate} of {@code kind}.
     */
    public static Path templateFile(Path data, MeshKind kind) throws IOException {
        if (isTrainingFolder(data)) {
            Path inFolder = TrainingFolder.open(data).templateFile();
            if (inFolder != null && Files.isRegularFile(inFolder)) {
                return inFolder;
            }
        }
        return defaultTemplate(kind);
    }

    /**
     * What {@code path} holds: a training folder's manifest kind, or the kind a TSV dataset's first label has
     * ({@link MetroTsvDataset#kindOf}); anything else is a {@link FormatException} naming the path and the fix.
     */
    public static TemplateKind kindOf(Path path) throws IOException {
        if (isTrainingFolder(path)) {
            return TrainingFolder.open(path).kind();
        }
        if (MetroTsvLayout.looksLike(path)) {
            return MetroTsvDataset.kindOf(MetroTsvLayout.locate(path));
        }
        throw notADataset(path);
    }

    /** Whether {@code path} is to be read as a METRO TSV dataset (whose labels need SMPL/MANO for meshes). */
    public static boolean isTsv(Path path) {
        return !isTrainingFolder(path) && MetroTsvLayout.looksLike(path);
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
