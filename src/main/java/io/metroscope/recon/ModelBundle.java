package io.metroscope.recon;

import io.metroscope.body.TemplateKind;
import io.metroscope.model.BlockSpec;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.TokenLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model bundle (format {@value ModelBundles#FORMAT} version {@value ModelBundles#VERSION}): weights,
 * architecture description, template and provenance, described by a small JSON manifest ({@code *.metro.json})
 * that {@link ModelBundles} reads and writes. Paths are kept as written in the manifest: relative ones are
 * relative to the manifest's folder ({@link #resolve}); imported official checkpoints point at the user's files
 * by absolute path and sha256, so nothing licensed is ever copied into a bundle.
 *
 * @param manifest     where the manifest lives (absolute), or null for a bundle not yet saved
 * @param name         a display name
 * @param kind         body or hand
 * @param architecture what the weights must describe (checked on load); heads are stated, not inferred
 * @param weights      the state_dict file
 * @param template     where the METRO template comes from
 * @param provenance   where the weights came from and when the bundle was made
 */
public record ModelBundle(Path manifest, String name, MeshKind kind, Architecture architecture, Weights weights,
        Template template, Provenance provenance) {

    public ModelBundle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** A file with the sha256 (lower-case hex) it had when the bundle was made. */
    public record FileRef(Path path, String sha256) {
        public FileRef {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /** The weights: a torch state_dict, {@code torch-zip} or {@code torch-legacy}. */
    public record Weights(FileRef file, String format) {
        public Weights {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
        }
    }

    /** Where the template comes from. */
    public sealed interface Template permits TemplateFile, OfficialTemplate {
    }

    /** A Metroscope template npz ({@code metroscope template build} or an open template). */
    public record TemplateFile(FileRef file) implements Template {
        public TemplateFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * The official template built at load time from the user's SMPL (body) or MANO (hand) model and
     * MeshTransformer's data folder; {@code metroDataFiles} are the folder's files the build reads, by name, with
     * their sha256.
     */
    public record OfficialTemplate(TemplateKind kind, FileRef model, Path metroData, Map<String, String> metroDataFiles)
            implements Template {
        public OfficialTemplate {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(metroData, "metroData");
            metroDataFiles = Map.copyOf(metroDataFiles);
        }
    }

    /**
     * The network the weights describe: heads per block (the one thing weights do not record), the backbone
     * as {@code MetroArchitecture} prints it, the transformer blocks and the token layout.
     */
    public record Architecture(int heads, String backbone, List<BlockSpec> blocks, TokenLayout tokens) {
        public Architecture {
            Objects.requireNonNull(backbone, "backbone");
            Objects.requireNonNull(tokens, "tokens");
            blocks = List.copyOf(blocks);
            if (heads <= 0) {
                throw new IllegalArgumentException("heads must be positive: " + heads);
            }
        }

        public static Architecture of(MetroArchitecture arch) {
            return new Architecture(arch.blocks().get(0).heads(), arch.backbone().toString(), arch.blocks(),
                    arch.tokens());
        }

        /** Null when {@code arch} is this network, else what differs (for messages). */
        public String mismatch(MetroArchitecture arch) {
            Architecture other = of(arch);
            if (!backbone.equals(other.backbone)) {
                return "backbone " + other.backbone + " instead of " + backbone;
            }
            if (!blocks.equals(other.blocks)) {
                return "blocks " + other.blocks + " instead of " + blocks;
            }
            if (!tokens.equals(other.tokens)) {
                return "tokens " + other.tokens + " instead of " + tokens;
            }
            return null;
        }
    }

    /**
     * Where the weights came from: the original checkpoint (path and sha256; null when the model was made here),
     * when the bundle was created, by which Metroscope version, and free-form notes.
     */
    public record Provenance(FileRef sourceCheckpoint, Instant createdAt, String metroscopeVersion, String notes) {
        public Provenance {
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(metroscopeVersion, "metroscopeVersion");
            notes = notes == null ? "" : notes;
        }
    }

    /** The bundle's folder: relative paths are relative to it. */
    public Path folder() {
        if (manifest == null) {
            throw new IllegalStateException("bundle " + name + " has not been saved");
        }
        return manifest.getParent();
    }

    /** {@code path} as the manifest wrote it, made absolute against the bundle's folder. */
    public Path resolve(Path path) {
        return path.isAbsolute() ? path : folder().resolve(path).normalize();
    }

    /** The weights file on disk. */
    public Path weightsPath() {
        return resolve(weights.file().path());
    }

    /** A copy that lives at {@code newManifest}. */
    public ModelBundle at(Path newManifest) {
        return new ModelBundle(newManifest.toAbsolutePath(), name, kind, architecture, weights, template, provenance);
    }
}
