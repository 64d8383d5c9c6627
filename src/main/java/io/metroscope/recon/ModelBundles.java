package io.metroscope.recon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metroscope.body.MetroData;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.MetroTemplateFile;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.AtomicFiles;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchCheckpointWriter;
import io.metroscope.format.TorchTensor;
import io.metroscope.model.BlockSpec;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroModel;
import io.metroscope.model.ModelExport;
import io.metroscope.model.TokenLayout;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.recon.ModelBundle.FileRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads, writes, creates and checks {@link ModelBundle}s.
 *
 * <p>A bundle is saved either as a manifest file {@code NAME.metro.json} or into a folder, where the manifest is
 * {@value #FOLDER_MANIFEST}. Two flavours:
 * <ul>
 * <li>our own models ({@link #saveOwn}): the weights (torch zip state_dict, official key names) and our template
 * npz are written next to the manifest and referenced by relative path, so the folder can be moved as a whole;
 * <li>imported official checkpoints ({@link #importOfficial}): the manifest points at the user's checkpoint and
 * SMPL/MANO model and MeshTransformer data files by absolute path with their sha256; nothing is copied.
 * </ul>
 * {@link #modelSpec} checks every referenced file's sha256 (a {@link FormatException} naming the file when it
 * is missing or changed) and gives the {@link ModelSpec} that {@link ReconstructionService} loads as usual;
 * {@link #checkArchitecture} compares the loaded network with the manifest.
 *
 * <pre>{@code
 * {
 *   "format": "metroscope-model-bundle", "version": 1, "name": "metro_3dpw", "kind": "body",
 *   "architecture": {"heads": 4, "backbone": "HRNet ...", "blocks": [{"input": 2051, "hidden": 1024, ...}],
 *                    "tokens": {"joints": 14, "coarseVertices": 431, ...}},
 *   "weights": {"path": "/data/metro_3dpw_state_dict.bin", "sha256": "...", "format": "torch-zip"},
 *   "template": {"source": "smpl", "model": {"path": "/data/smpl.pkl", "sha256": "..."},
 *                "metroData": {"path": "/data/metro", "files": {"J_regressor_h36m_correct.npy": "...", ...}}},
 *   "provenance": {"sourceCheckpoint": {"path": "...", "sha256": "..."}, "createdAt": "2026-...Z",
 *                  "metroscopeVersion": "0.1.0", "notes": ""}
 * }
 * }</pre>
 */
public final class ModelBundles {

    public static final String FORMAT = "metroscope-model-bundle";
    public static final int VERSION = 1;
    /** The manifest's suffix. */
    public static final String SUFFIX = ".metro.json";
    /** The manifest's name when a bundle is saved into a folder. */
    public static final String FOLDER_MANIFEST = "model" + SUFFIX;
    public static final String TORCH_ZIP = "torch-zip";
    public static final String TORCH_LEGACY = "torch-legacy";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelBundles() {
    }

    /** True when {@code path}'s name ends with {@value #SUFFIX} (in any case): it names a manifest, not a folder. */
    public static boolean isManifestName(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(SUFFIX);
    }

    /** The manifest file for {@code target}: itself when it ends with {@value #SUFFIX}, else the folder's. */
    public static Path manifestPath(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        return isManifestName(absolute) ? absolute : absolute.resolve(FOLDER_MANIFEST);
    }

    /** A file beside {@code manifest}: {@code file} in a bundle folder, {@code NAME.file} beside a named manifest. */
    private static Path companion(Path manifest, String file) {
        String name = manifest.getFileName().toString();
        String stem = name.equals(FOLDER_MANIFEST) ? "" : name.substring(0, name.length() - SUFFIX.length()) + ".";
        return manifest.resolveSibling(stem + file);
    }

    // ---- creating ----------------------------------------------------------------------------------------

    /**
     * Imports an official checkpoint: reads it (to infer and record the architecture) and builds the template
     * once (to check that it fits), then writes a manifest at {@code target} that points at the user's files.
     */
    public static ModelBundle importOfficial(Path checkpoint, TemplateSource template, int heads, Path target,
            String name, String metroscopeVersion, String notes) throws FormatException {
        Path ckpt = checkpoint.toAbsolutePath().normalize();
        StateDict dict = TorchCheckpointReader.read(ckpt);
        MetroArchitecture arch = architectureOf(ckpt, dict, heads);
        MetroTemplate built = template.load();
        if (built.tokenCount() != arch.tokens().tokens() || !sameKind(built.kind(), arch.kind())) {
            throw new FormatException(ckpt, "its " + arch.kind().name().toLowerCase(Locale.ROOT) + " network has "
                    + arch.tokens().tokens() + " tokens but " + template.describe() + " gives a "
                    + built.kind().id() + " template with " + built.tokenCount(),
                    "use --smpl for body checkpoints and --mano for hand checkpoints");
        }
        FileRef weights = fileRef(ckpt);
        ModelBundle bundle = new ModelBundle(manifestPath(target), name, arch.kind(),
                ModelBundle.Architecture.of(arch), new ModelBundle.Weights(weights, formatOf(dict)),
                templateRef(template), new ModelBundle.Provenance(weights, Instant.now(), metroscopeVersion, notes));
        save(bundle);
        return bundle;
    }

    /**
     * Saves one of our own models as a self-contained bundle at {@code target}: the weights as a torch zip
     * state_dict ({@link ModelExport}, official key names; ignored official tensors kept when {@code source} is
     * given), the template as our template npz, and the manifest, all in one folder. {@code model} must hold its
     * original tensors: a trained network or one built with {@code MetroLoadOptions.forTraining()} (the inference
     * build folds BatchNorm and fuses Q/K/V).
     */
    public static ModelBundle saveOwn(MetroModel model, MetroTemplate template, StateDict source, Path target,
            String name, String metroscopeVersion, String notes) throws IOException {
        Path manifest = manifestPath(target);
        Files.createDirectories(manifest.getParent());
        Path weights = companion(manifest, "weights.bin");
        Path templateFile = companion(manifest, "template.npz");
        ModelExport.write(model, weights, source == null ? ModelExport.Options.networkOnly()
                : ModelExport.Options.lossless(source));
        MetroTemplateFile.write(templateFile, template, false);
        FileRef sourceRef = source == null || source.source() == null || !Files.isRegularFile(source.source()) ? null
                : fileRef(source.source().toAbsolutePath().normalize());
        ModelBundle bundle = new ModelBundle(manifest, name, model.architecture().kind(),
                ModelBundle.Architecture.of(model.architecture()),
                new ModelBundle.Weights(new FileRef(weights.getFileName(), sha256(weights)), TORCH_ZIP),
                new ModelBundle.TemplateFile(new FileRef(templateFile.getFileName(), sha256(templateFile))),
                new ModelBundle.Provenance(sourceRef, Instant.now(), metroscopeVersion, notes));
        save(bundle);
        return bundle;
    }

    /**
     * Packages a checkpoint of our own (e.g. a trained {@code best/model.pt}) with its template file as a
     * self-contained bundle that can be moved or shipped: {@code weights.bin} (torch zip, the checkpoint's
     * keys in its order; floating-point tensors stored as float16 when {@code half}, which halves the size and
     * loads back as float32), {@code template.npz} (a copy), and {@code model.metro.json} with relative paths, in
     * the folder {@code target}; or, when {@code target} is a {@code NAME.metro.json}, that manifest beside
     * {@code NAME.weights.bin} and {@code NAME.template.npz}.
     * Never use it for licensed files (official weights, SMPL/MANO templates): {@link #importOfficial} points at them.
     */
    public static ModelBundle packageOwn(Path checkpoint, Path templateFile, int heads, Path target, String name,
            String metroscopeVersion, String notes, boolean half) throws IOException {
        Path ckpt = checkpoint.toAbsolutePath().normalize();
        StateDict dict = TorchCheckpointReader.read(ckpt);
        MetroArchitecture arch = architectureOf(ckpt, dict, heads);
        MetroTemplate template = new TemplateSource.File(templateFile).load();
        if (template.tokenCount() != arch.tokens().tokens() || !sameKind(template.kind(), arch.kind())) {
            throw new FormatException(ckpt, "its network has " + arch.tokens().tokens() + " tokens but template "
                    + templateFile + " has " + template.tokenCount(), "choose the template the model was trained with");
        }
        Path manifest = manifestPath(target);
        Files.createDirectories(manifest.getParent());
        Path weights = companion(manifest, "weights.bin");
        Path templateCopy = companion(manifest, "template.npz");
        try (TorchCheckpointWriter writer = TorchCheckpointWriter.create(weights, TorchCheckpointWriter.Layout.ZIP)) {
            for (Map.Entry<String, TorchTensor> e : dict.tensors().entrySet()) {
                TorchTensor t = e.getValue();
                writer.add(e.getKey(), half && t.dtype().isFloatingPoint()
                        ? NdArray.ofHalfs(t.toFloatArray(), t.shape()) : t.toNdArray());
            }
            writer.commit();
        }
        byte[] templateBytes = Files.readAllBytes(templateFile);
        AtomicFiles.write(templateCopy, out -> out.write(templateBytes));
        ModelBundle bundle = new ModelBundle(manifest, name, arch.kind(), ModelBundle.Architecture.of(arch),
                new ModelBundle.Weights(new FileRef(weights.getFileName(), sha256(weights)), TORCH_ZIP),
                new ModelBundle.TemplateFile(new FileRef(templateCopy.getFileName(), sha256(templateCopy))),
                new ModelBundle.Provenance(null, Instant.now(), metroscopeVersion, notes));
        save(bundle);
        return bundle;
    }

    // ---- loading -----------------------------------------------------------------------------------------

    /**
     * The ModelSpec that loads this bundle through {@link ReconstructionService}, after checking that every file
     * it references is present and unchanged (sha256).
     */
    public static ModelSpec modelSpec(ModelBundle bundle, DeviceSpec device) throws FormatException {
        verify(bundle);
        return ModelSpec.of(bundle.weightsPath(), templateSource(bundle)).withHeads(bundle.architecture().heads())
                .withDevice(device);
    }

    /** Checks the sha256 of the weights alone (for tools that do not need the template). */
    public static void verifyWeights(ModelBundle bundle) throws FormatException {
        check(bundle, bundle.weights().file(), "weights");
    }

    /** Checks the sha256 of the weights and of every template file; throws naming the first that differs. */
    public static void verify(ModelBundle bundle) throws FormatException {
        check(bundle, bundle.weights().file(), "weights");
        if (bundle.template() instanceof ModelBundle.TemplateFile t) {
            check(bundle, t.file(), "template");
        } else if (bundle.template() instanceof ModelBundle.OfficialTemplate t) {
            check(bundle, t.model(), t.kind() == TemplateKind.BODY ? "SMPL model" : "MANO model");
            Path folder = bundle.resolve(t.metroData());
            for (Map.Entry<String, String> e : new TreeMap<>(t.metroDataFiles()).entrySet()) {
                check(bundle, new FileRef(folder.resolve(e.getKey()), e.getValue()), "MeshTransformer data file");
            }
        }
    }

    /** The template source the bundle describes (paths resolved). */
    public static TemplateSource templateSource(ModelBundle bundle) {
        if (bundle.template() instanceof ModelBundle.TemplateFile t) {
            return new TemplateSource.File(bundle.resolve(t.file().path()));
        }
        ModelBundle.OfficialTemplate t = (ModelBundle.OfficialTemplate) bundle.template();
        Path model = bundle.resolve(t.model().path());
        Path data = bundle.resolve(t.metroData());
        return t.kind() == TemplateKind.BODY ? new TemplateSource.Smpl(model, data) : new TemplateSource.Mano(model, data);
    }

    /** Refuses a loaded network that is not the one the manifest describes. */
    public static void checkArchitecture(ModelBundle bundle, MetroArchitecture loaded) throws FormatException {
        String mismatch = bundle.architecture().mismatch(loaded);
        if (mismatch != null || loaded.kind() != bundle.kind()) {
            throw new FormatException(bundle.weightsPath(), "the weights describe a different network than bundle "
                    + bundle.manifest() + " records: " + (mismatch != null ? mismatch : loaded.kind() + " network"),
                    "re-import the checkpoint to make a new bundle");
        }
    }

    // ---- manifest I/O ------------------------------------------------------------------------------------

    /** Writes the bundle's manifest (atomically) at {@link ModelBundle#manifest()}. */
    public static void save(ModelBundle bundle) throws FormatException {
        Path manifest = bundle.manifest();
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(toJson(bundle));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            Files.createDirectories(manifest.getParent());
        } catch (IOException e) {
            throw new FormatException(manifest, "cannot create its folder (" + e + ")", "choose a writable folder", e);
        }
        AtomicFiles.write(manifest, out -> out.write(bytes));
    }

    /** Reads a manifest ({@code NAME.metro.json}, or a bundle folder); does not touch the files it references. */
    public static ModelBundle load(Path target) throws FormatException {
        Path manifest = manifestPath(target);
        if (!Files.isRegularFile(manifest)) {
            throw new FormatException(manifest, "no such model bundle manifest",
                    "give a NAME" + SUFFIX + " file or a folder holding " + FOLDER_MANIFEST);
        }
        JsonNode root;
        try {
            root = JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw new FormatException(manifest, "not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", "restore the file or re-create the bundle", e);
        }
        try {
            return fromJson(manifest, root);
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            throw new FormatException(manifest, "not a usable model bundle manifest: " + e.getMessage(),
                    "restore the file or re-create the bundle", e);
        }
    }

    private static ObjectNode toJson(ModelBundle b) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("name", b.name());
        root.put("kind", b.kind().name().toLowerCase(Locale.ROOT));
        ObjectNode arch = root.putObject("architecture");
        arch.put("heads", b.architecture().heads());
        arch.put("backbone", b.architecture().backbone());
        ArrayNode blocks = arch.putArray("blocks");
        for (BlockSpec s : b.architecture().blocks()) {
            ObjectNode o = blocks.addObject();
            o.put("input", s.inputDim());
            o.put("hidden", s.hiddenDim());
            o.put("output", s.outputDim());
            o.put("layers", s.layers());
            o.put("heads", s.heads());
            o.put("intermediate", s.intermediateDim());
            o.put("positionRows", s.positionRows());
        }
        TokenLayout t = b.architecture().tokens();
        ObjectNode tokens = arch.putObject("tokens");
        tokens.put("joints", t.joints());
        tokens.put("coarseVertices", t.coarseVertices());
        tokens.put("midVertices", t.midVertices());
        tokens.put("fullVertices", t.fullVertices());
        tokens.put("cameraHidden", t.cameraHidden());
        ObjectNode weights = root.putObject("weights");
        putFile(weights, b.weights().file());
        weights.put("format", b.weights().format());
        ObjectNode template = root.putObject("template");
        if (b.template() instanceof ModelBundle.TemplateFile f) {
            template.put("source", "file");
            putFile(template, f.file());
        } else {
            ModelBundle.OfficialTemplate o = (ModelBundle.OfficialTemplate) b.template();
            template.put("source", o.kind() == TemplateKind.BODY ? "smpl" : "mano");
            putFile(template.putObject("model"), o.model());
            ObjectNode data = template.putObject("metroData");
            data.put("path", text(o.metroData()));
            ObjectNode files = data.putObject("files");
            new TreeMap<>(o.metroDataFiles()).forEach(files::put);
        }
        ObjectNode prov = root.putObject("provenance");
        if (b.provenance().sourceCheckpoint() != null) {
            putFile(prov.putObject("sourceCheckpoint"), b.provenance().sourceCheckpoint());
        }
        prov.put("createdAt", b.provenance().createdAt().toString());
        prov.put("metroscopeVersion", b.provenance().metroscopeVersion());
        prov.put("notes", b.provenance().notes());
        return root;
    }

    private static ModelBundle fromJson(Path manifest, JsonNode root) throws FormatException {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new FormatException(manifest, "not a Metroscope model bundle (format '"
                    + root.path("format").asText() + "')", "give a " + SUFFIX + " manifest written by Metroscope");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new FormatException(manifest, "bundle format version " + version + " (this Metroscope reads "
                    + VERSION + ")", version > VERSION ? "update Metroscope" : "re-create the bundle");
        }
        MeshKind kind = MeshKind.valueOf(required(root, "kind").asText().toUpperCase(Locale.ROOT));
        JsonNode a = required(root, "architecture");
        List<BlockSpec> blocks = new ArrayList<>();
        for (JsonNode o : required(a, "blocks")) {
            blocks.add(new BlockSpec(int_(o, "input"), int_(o, "hidden"), int_(o, "output"), int_(o, "layers"),
                    int_(o, "heads"), int_(o, "intermediate"), int_(o, "positionRows")));
        }
        JsonNode t = required(a, "tokens");
        TokenLayout tokens = new TokenLayout(int_(t, "joints"), int_(t, "coarseVertices"), int_(t, "midVertices"),
                int_(t, "fullVertices"), int_(t, "cameraHidden"));
        ModelBundle.Architecture arch = new ModelBundle.Architecture(int_(a, "heads"), required(a, "backbone").asText(),
                blocks, tokens);
        JsonNode w = required(root, "weights");
        ModelBundle.Weights weights = new ModelBundle.Weights(file(w), w.path("format").asText(TORCH_ZIP));
        JsonNode tn = required(root, "template");
        String source = required(tn, "source").asText();
        ModelBundle.Template template = switch (source) {
            case "file" -> new ModelBundle.TemplateFile(file(tn));
            case "smpl", "mano" -> {
                JsonNode data = required(tn, "metroData");
                Map<String, String> files = new LinkedHashMap<>();
                required(data, "files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
                yield new ModelBundle.OfficialTemplate(source.equals("smpl") ? TemplateKind.BODY : TemplateKind.HAND,
                        file(required(tn, "model")), Path.of(required(data, "path").asText()), files);
            }
            default -> throw new IllegalArgumentException("unknown template source '" + source + "'");
        };
        JsonNode p = required(root, "provenance");
        ModelBundle.Provenance provenance = new ModelBundle.Provenance(
                p.has("sourceCheckpoint") ? file(p.get("sourceCheckpoint")) : null,
                Instant.parse(required(p, "createdAt").asText()), p.path("metroscopeVersion").asText("unknown"),
                p.path("notes").asText(""));
        return new ModelBundle(manifest, root.path("name").asText(manifest.getFileName().toString()), kind, arch,
                weights, template, provenance);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value;
    }

    private static int int_(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.canConvertToInt()) {
            throw new IllegalArgumentException("'" + field + "' is not an integer: " + value);
        }
        return value.asInt();
    }

    private static FileRef file(JsonNode node) {
        return new FileRef(Path.of(required(node, "path").asText()), required(node, "sha256").asText());
    }

    private static void putFile(ObjectNode node, FileRef ref) {
        node.put("path", text(ref.path()));
        node.put("sha256", ref.sha256());
    }

    /** Relative paths with forward slashes, so a bundle folder moves between systems. */
    private static String text(Path path) {
        return path.isAbsolute() ? path.toString() : path.toString().replace('\\', '/');
    }

    private static void check(ModelBundle bundle, FileRef ref, String what) throws FormatException {
        Path file = bundle.resolve(ref.path());
        if (!Files.isRegularFile(file)) {
            throw new FormatException(file, "the " + what + " of model bundle " + bundle.manifest()
                    + " is missing (moved, renamed or deleted)", "put the file back, or re-import the model "
                    + "('metroscope export import ...') to make a new bundle");
        }
        String actual = sha256(file);
        if (!actual.equalsIgnoreCase(ref.sha256())) {
            throw new FormatException(file, "the " + what + " of model bundle " + bundle.manifest()
                    + " has changed since the bundle was made (sha256 " + actual + ", the bundle records "
                    + ref.sha256() + ")", "restore the original file, or re-import the model "
                    + "('metroscope export import ...') to make a new bundle");
        }
    }

    private static FileRef fileRef(Path absolute) throws FormatException {
        return new FileRef(absolute, sha256(absolute));
    }

    private static ModelBundle.Template templateRef(TemplateSource source) throws FormatException {
        if (source instanceof TemplateSource.File f) {
            return new ModelBundle.TemplateFile(fileRef(f.template().toAbsolutePath().normalize()));
        }
        boolean body = source instanceof TemplateSource.Smpl;
        Path model = body ? ((TemplateSource.Smpl) source).model() : ((TemplateSource.Mano) source).model();
        Path data = (body ? ((TemplateSource.Smpl) source).metroData() : ((TemplateSource.Mano) source).metroData())
                .toAbsolutePath().normalize();
        List<String> names = body ? List.of(MetroData.H36M_REGRESSOR, MetroData.BODY_SAMPLING)
                : List.of(MetroData.HAND_SAMPLING);
        Map<String, String> files = new LinkedHashMap<>();
        for (String n : names) {
            files.put(n, sha256(MetroData.require(data, n)));
        }
        return new ModelBundle.OfficialTemplate(body ? TemplateKind.BODY : TemplateKind.HAND,
                fileRef(model.toAbsolutePath().normalize()), data, files);
    }

    private static MetroArchitecture architectureOf(Path file, StateDict dict, int heads) throws FormatException {
        try {
            return MetroModel.inferArchitecture(dict.tensors(), heads);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "cannot build a METRO network from it: " + e.getMessage(),
                    "choose a METRO body or hand state_dict, and check --heads (released models use 4)");
        }
    }

    private static String formatOf(StateDict dict) {
        return dict.format() == StateDict.Format.LEGACY ? TORCH_LEGACY : TORCH_ZIP;
    }

    private static boolean sameKind(TemplateKind template, MeshKind network) {
        return (template == TemplateKind.BODY) == (network == MeshKind.BODY);
    }

    /** The file's sha256 as lower-case hex. */
    public static String sha256(Path file) throws FormatException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new FormatException(file, "cannot read it (" + e + ")", "check that it exists and is readable", e);
        }
    }
}
