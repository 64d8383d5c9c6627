package io.metroscope.app;

import io.metroscope.format.FormatException;
import io.metroscope.format.MeshData;
import io.metroscope.format.MeshFiles;
import io.metroscope.format.MeshFormat;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npy;
import io.metroscope.format.Npz;
import io.metroscope.format.PickleAllowlist;
import io.metroscope.format.SafeUnpickler;
import io.metroscope.format.SparseMatrix;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchTensor;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroModel;
import io.metroscope.model.TokenLayout;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.ModelSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tells what a checkpoint, NumPy file, SMPL/MANO pickle or mesh file holds, without loading a model. */
public final class FileInspector {

    /**
     * Inspects {@code file}, choosing the reader by its name; a model bundle (its folder or manifest) and a training
     * run's checkpoint folder are described by what they name.
     */
    public Inspection inspect(Path file) throws FormatException {
        if (Files.isDirectory(file) || ModelBundles.isManifestName(file)) {
            return model(file);
        }
        if (!Files.isRegularFile(file)) {
            throw new FormatException(file, "no such file", "check the path");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".npz")) {
            return npz(file);
        }
        if (base.endsWith(".npy")) {
            return npy(file);
        }
        if (base.endsWith(".pkl")) {
            return pickle(file);
        }
        if (base.endsWith(".obj") || base.endsWith(".ply")) {
            return mesh(file);
        }
        return checkpoint(file);
    }

    private Inspection model(Path path) throws FormatException {
        if (!ModelSource.exists(path)) { // a run folder has its model.pt: only a bundle can lack its manifest
            throw new FormatException(path, Files.isDirectory(path) ? "the folder is neither a model bundle nor a "
                    + "training run's checkpoint folder" : "no such model bundle manifest", "give a file (checkpoint, "
                    + ".npy/.npz, .pkl, .obj/.ply), a model bundle, or a run's last/ or best/ folder");
        }
        ModelSource source = ModelSource.of(path);
        FormatException changed = null;
        if (source.bundle().isPresent()) {
            try {
                ModelBundles.verify(source.bundle().get());
            } catch (FormatException e) {
                changed = e;
            }
        }
        Inspection weights;
        try {
            weights = checkpoint(source.checkpoint());
        } catch (FormatException unreadable) {
            // a file changed since the bundle was made says more than the damage it shows
            throw changed != null ? changed : unreadable;
        }
        if (source.bundle().isEmpty()) {
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("checkpoint", source.checkpoint().toString());
            summary.putAll(weights.summary());
            return new Inspection(path, "training run checkpoint folder: " + weights.kind(), weights.entries(),
                    summary);
        }
        ModelBundle bundle = source.bundle().get();
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("name", bundle.name());
        summary.put("weights", bundle.weightsPath() + " (" + bundle.weights().format() + ")");
        summary.put("files", changed == null ? "as recorded (sha256 of the weights and template files checked)"
                : "CHANGED: " + changed.getMessage());
        summary.put("template", ModelBundles.templateSource(bundle).describe());
        summary.put("created", bundle.provenance().createdAt() + " by Metroscope "
                + bundle.provenance().metroscopeVersion());
        if (bundle.provenance().sourceCheckpoint() != null) {
            summary.put("made from", bundle.provenance().sourceCheckpoint().path().toString());
        }
        if (!bundle.provenance().notes().isBlank()) {
            summary.put("notes", bundle.provenance().notes());
        }
        weights.summary().forEach(summary::putIfAbsent);
        // the manifest records the heads, which the weights cannot
        summary.put("heads", Integer.toString(bundle.architecture().heads()));
        return new Inspection(bundle.manifest(), "Metroscope model bundle (" + bundle.kind().name()
                .toLowerCase(Locale.ROOT) + " METRO)", weights.entries(), summary);
    }

    private Inspection checkpoint(Path file) throws FormatException {
        StateDict sd = TorchCheckpointReader.read(file);
        List<Inspection.Entry> rows = new ArrayList<>();
        long params = 0;
        for (TorchTensor t : sd.tensors().values()) {
            rows.add(new Inspection.Entry(t.name(), t.dtype().name().toLowerCase(Locale.ROOT), shape(t.shape()), null));
            params += t.numel();
        }
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("tensors", Integer.toString(sd.size()));
        summary.put("elements", String.format("%,d", params));
        if (!sd.strippedPrefix().isEmpty()) {
            summary.put("stripped prefix", sd.strippedPrefix());
        }
        if (!sd.unwrappedFrom().isEmpty()) {
            summary.put("state dict found under", sd.unwrappedFrom());
        }
        if (!sd.ignoredKeys().isEmpty()) {
            summary.put("ignored non-tensor entries", String.join(", ", sd.ignoredKeys()));
        }
        describeArchitecture(sd, summary);
        String kind = "PyTorch checkpoint (" + (sd.format() == StateDict.Format.ZIP ? "zip" : "legacy") + " format)";
        return new Inspection(file, kind, rows, summary);
    }

    /** The METRO network the tensors imply, or why they imply none. */
    private static void describeArchitecture(StateDict sd, Map<String, String> summary) {
        MetroArchitecture arch;
        try {
            arch = MetroModel.inferArchitecture(sd.tensors(), MetroArchitecture.DEFAULT_HEADS);
        } catch (RuntimeException notMetro) {
            summary.put("architecture", "not a METRO network (" + notMetro.getMessage() + ")");
            return;
        }
        summary.put("network", arch.kind().name().toLowerCase(Locale.ROOT) + " METRO");
        summary.put("backbone", arch.backbone().toString());
        for (int i = 0; i < arch.blocks().size(); i++) {
            summary.put("block " + i, arch.blocks().get(i).toString());
        }
        TokenLayout t = arch.tokens();
        summary.put("tokens", t.tokens() + " (" + t.joints() + " joints + " + t.coarseVertices() + " coarse vertices)");
        summary.put("mesh", t.coarseVertices() + (t.hasMidLevel() ? " → " + t.midVertices() : "") + " → "
                + t.fullVertices() + " vertices");
        summary.put("heads", MetroArchitecture.DEFAULT_HEADS + " assumed: heads cannot be read from the weights (--heads overrides)");
    }

    private Inspection npz(Path file) throws FormatException {
        List<Inspection.Entry> rows = new ArrayList<>();
        try (Npz npz = Npz.open(file)) {
            for (String n : npz.names()) {
                try {
                    rows.addAll(arrayEntries(n, npz.get(n)));
                } catch (FormatException refused) {
                    // One unusable entry (e.g. a pickled class) must not hide the others.
                    rows.add(new Inspection.Entry(n, "?", List.of(), "not read: " + refused.getMessage()));
                }
            }
        }
        return new Inspection(file, "NumPy archive (.npz)", rows, Map.of("arrays", Integer.toString(rows.size())));
    }

    private Inspection npy(Path file) throws FormatException {
        return new Inspection(file, "NumPy array (.npy)", arrayEntries(file.getFileName().toString(), Npy.read(file)),
                Map.of());
    }

    private Inspection pickle(Path file) throws FormatException {
        Object root = SafeUnpickler.load(file, PickleAllowlist.SMPL_MODEL);
        if (!(root instanceof Map<?, ?> map)) {
            throw new FormatException(file, "the pickle holds a " + typeName(root) + ", not a dict",
                    "give an SMPL or MANO model file (.pkl) as distributed");
        }
        List<Inspection.Entry> rows = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            rows.addAll(valueEntries(String.valueOf(e.getKey()), e.getValue()));
        }
        String kind = map.containsKey("hands_components") ? "MANO model (pickle)"
                : map.containsKey("shapedirs") ? "SMPL model (pickle)" : "pickle";
        return new Inspection(file, kind, rows, Map.of("entries", Integer.toString(map.size())));
    }

    private Inspection mesh(Path file) throws FormatException {
        MeshData m = MeshFiles.read(file);
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("vertices", Integer.toString(m.vertexCount()));
        summary.put("triangles", Integer.toString(m.faceCount()));
        summary.put("normals", Boolean.toString(m.hasNormals()));
        summary.put("vertex colours", Boolean.toString(m.hasColors()));
        if (m.vertexCount() > 0) {
            MeshData.Bounds b = m.bounds();
            summary.put("bounds (m)", String.format(Locale.ROOT, "x %.4f..%.4f, y %.4f..%.4f, z %.4f..%.4f",
                    b.minX(), b.maxX(), b.minY(), b.maxY(), b.minZ(), b.maxZ()));
        }
        return new Inspection(file, "mesh (" + MeshFormat.of(file) + ")", List.of(), summary);
    }

    private static List<Inspection.Entry> valueEntries(String name, Object value) {
        if (value instanceof NdArray a) {
            return arrayEntries(name, a);
        }
        if (value instanceof SparseMatrix s) {
            return List.of(sparseEntry(name, s));
        }
        String text = value instanceof String str ? '"' + abbreviate(str) + '"' : typeName(value);
        return List.of(new Inspection.Entry(name, "-", List.of(), text));
    }

    private static List<Inspection.Entry> arrayEntries(String name, NdArray a) {
        if (a.objects() == null) {
            return List.of(new Inspection.Entry(name, a.dtype().name().toLowerCase(Locale.ROOT), shape(a.shape()), null));
        }
        List<Inspection.Entry> rows = new ArrayList<>();
        rows.add(new Inspection.Entry(name, "object", shape(a.shape()), null));
        for (int i = 0; i < a.objects().length; i++) {
            Object o = a.objects()[i];
            String child = name + "[" + i + "]";
            rows.addAll(o instanceof SparseMatrix s ? List.of(sparseEntry(child, s)) : valueEntries(child, o));
        }
        return rows;
    }

    private static Inspection.Entry sparseEntry(String name, SparseMatrix s) {
        return new Inspection.Entry(name, "sparse", List.of(s.rows(), s.cols()),
                String.format("%,d non-zeros", s.nonZeroCount()));
    }

    private static List<Integer> shape(int[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
