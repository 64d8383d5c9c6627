package io.metroscope.annotate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metroscope.body.MetroTemplate;
import io.metroscope.format.FormatException;
import io.metroscope.format.MeshData;
import io.metroscope.format.MeshFiles;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.jobs.JobContext;
import io.metroscope.recon.Reconstruction;
import io.metroscope.vision.CropTransform;
import io.metroscope.vision.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Adds items to a project from a folder of images (reconstructed by a model), from reconstructions we exported
 * (JSON per image, or the batch NPZ with its images), or from OBJ/PLY meshes of the template's topology beside
 * their images. Every mesh must have the template's vertex count; inputs that do not fit are skipped with a
 * message naming the file and the count expected, and nothing already in the project changes.
 *
 * <p>The estimated error of a reconstructed item is the mean distance, in mm, between the transformer's joint tokens
 * and the joints regressed from its mesh: the two agree on easy images and drift apart where the model is unsure.
 * Imported meshes without a model have no estimate.
 */
public final class ProjectImporter {

    /** Images reconstructed per model call (and committed per transaction). */
    public static final int BATCH = 8;

    private final AnnotationProject project;
    private final MetroTemplate template;

    public ProjectImporter(AnnotationProject project) {
        this.project = project;
        this.template = project.template().template();
    }

    /** Reconstructs {@code images} with {@code model} and adds one item each. */
    public ImportReport importImages(List<Path> images, ImageReconstructor model, JobContext context)
            throws IOException {
        List<Long> ids = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int from = 0; from < images.size(); from += BATCH) {
            context.checkCancelled();
            List<Path> batch = images.subList(from, Math.min(images.size(), from + BATCH));
            List<NewItem> items = new ArrayList<>();
            List<Reconstruction> results;
            try {
                results = model.reconstruct(batch, context);
            } catch (FormatException e) {
                // One bad file fails a whole batch: retry image by image to keep the good ones.
                results = null;
                for (Path image : batch) {
                    try {
                        items.add(fromReconstruction(image, model.reconstruct(List.of(image), context).get(0),
                                "reconstructed by "));
                    } catch (FormatException one) {
                        problems.add(one.getMessage());
                    }
                }
            }
            if (results != null) {
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        items.add(fromReconstruction(batch.get(i), results.get(i), "reconstructed by "));
                    } catch (FormatException e) {
                        problems.add(e.getMessage());
                    }
                }
            }
            ids.addAll(insert(items));
            context.progress(Math.min(images.size(), from + BATCH) / (double) images.size());
        }
        return new ImportReport(ids, problems);
    }

    /**
     * Adds the reconstructions in JSON files written by the Reconstruct workspace ({@code ReconstructionExport
     * .writeJson}); each names its image in {@code source}, found as written or relative to the JSON file.
     */
    public ImportReport importReconstructionJson(List<Path> files) throws IOException {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        List<NewItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                Reconstruction r;
                try {
                    r = json.readValue(file.toFile(), Reconstruction.class);
                } catch (IOException | IllegalArgumentException e) {
                    throw new FormatException(file, "it is not a reconstruction written by Metroscope ("
                            + e.getMessage().lines().findFirst().orElse("") + ")",
                            "export the reconstruction again as JSON from the Reconstruct workspace");
                }
                Path image = resolveImage(file, r.source());
                items.add(fromReconstruction(image, r, "reconstruction " + file.getFileName() + " by "));
            } catch (FormatException e) {
                problems.add(e.getMessage());
            }
        }
        return new ImportReport(insert(items), problems);
    }

    /**
     * Adds the reconstructions of a batch NPZ ({@code infer} or Export ▸ NPZ) whose images are {@code images}, in
     * the order they were reconstructed; the crop is taken to be the official centre crop of each image.
     */
    public ImportReport importReconstructionNpz(Path npz, List<Path> images) throws IOException {
        var arrays = Npz.read(npz);
        for (String key : List.of("cam", "vertices_centered", "joints", "root", "joints2d")) {
            if (!arrays.containsKey(key)) {
                throw new FormatException(npz, "it has no '" + key + "' array (not a reconstruction NPZ)",
                        "choose an NPZ written by 'metroscope infer' or the Reconstruct workspace's Export");
            }
        }
        NdArray vertices = arrays.get("vertices_centered");
        int batch = vertices.dim(0);
        if (batch != images.size()) {
            throw new FormatException(npz, "it holds " + batch + " reconstructions but " + images.size()
                    + " images were given", "choose the same images, in the same order, as were reconstructed");
        }
        int v = vertices.dim(1);
        if (v != template.fullVertexCount()) {
            throw wrongTopology(npz, v);
        }
        float[] cams = arrays.get("cam").toFloatArray();
        float[] verts = vertices.toFloatArray();
        float[] joints = arrays.get("joints").toFloatArray();
        float[] roots = arrays.get("root").toFloatArray();
        int j = arrays.get("joints").dim(1);
        List<NewItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            try {
                Path image = images.get(i);
                ImageFacts facts = ImageFacts.of(image);
                float[] mesh = slice(verts, i, 3 * v);
                float[] camera = slice(cams, i, 3);
                float[] tokens = slice(joints, i, 3 * j);
                float[] root = slice(roots, i, 3);
                items.add(item(image, facts, centreCrop(facts), "reconstruction " + npz.getFileName() + "[" + i + "]",
                        tokenError(tokens, root, mesh), mesh, camera));
            } catch (FormatException e) {
                problems.add(e.getMessage());
            }
        }
        return new ImportReport(insert(items), problems);
    }

    /**
     * Adds OBJ/PLY meshes of the template's topology, each with the image of the same name beside it
     * ({@code 0001.obj} ↔ {@code 0001.png}). A JSON of the same name written by {@link ItemFileExport} (or in its
     * format) gives the camera, the crop and the 2D joints; without one, the camera frames the mesh in the image's
     * centre crop (its larger side at 80 % of the crop) and the 2D joints are its projected joints.
     */
    public ImportReport importMeshes(List<Path> meshes) throws IOException {
        List<NewItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : meshes) {
            try {
                MeshData mesh = MeshFiles.read(file);
                if (mesh.vertexCount() != template.fullVertexCount()
                        || (mesh.faceCount() > 0 && mesh.faceCount() != template.faces().length / 3)) {
                    throw wrongTopology(file, mesh.vertexCount());
                }
                Path image = imageBeside(file);
                ImageFacts facts = ImageFacts.of(image);
                float[] v = mesh.positions();
                Sidecar side = Sidecar.read(beside(file, ".json"), template.tokenJoints().size());
                NewItem item = item(image, facts, side == null ? centreCrop(facts) : side.crop(), "mesh "
                        + file.getFileName(), null, v, side == null ? framingCamera(v) : side.camera());
                if (side != null && side.joints() != null) {
                    item = new NewItem(item.imagePath(), item.imageSha256(), item.imageWidth(), item.imageHeight(),
                            item.crop(), item.source(), null, v, item.joints3d(), item.camera(), side.joints());
                }
                items.add(item);
            } catch (FormatException e) {
                problems.add(e.getMessage());
            }
        }
        return new ImportReport(insert(items), problems);
    }

    /**
     * Adds one item per SMPL parameter file (see {@link SmplParameterFile} for the formats): the mesh is posed from
     * the parameters with {@code smpl} (its vertex count must be the template's) and centred on its root; a weak-
     * perspective camera in the file is used as it is, a perspective one (NeuralAnnot) is replaced by the weak-
     * perspective camera that best reproduces its projection of the mesh, and without either the mesh is framed
     * in the image's centre crop. The image is the one the file names, or the one of the same name beside it.
     * The parameters are kept with the item (the METRO TSV export writes them while the mesh is unedited).
     */
    public ImportReport importSmplParameters(List<Path> files, io.metroscope.body.SmplModel smpl)
            throws IOException {
        if (smpl.vertexCount() != template.fullVertexCount()) {
            throw new IllegalArgumentException("the SMPL model has " + smpl.vertexCount() + " vertices but this "
                    + template.kind().id() + " project's template " + template.fullVertexCount()
                    + ": configure the SMPL model of the project's topology");
        }
        List<NewItem> items = new ArrayList<>();
        List<SmplParameters> params = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                SmplParameterFile f = SmplParameterFile.read(file);
                Path image = f.image() != null ? resolveImage(file, f.image()) : imageBeside(file);
                ImageFacts facts = ImageFacts.of(image);
                double[] pose = f.parameters().pose();
                double[] betas = java.util.Arrays.copyOf(f.parameters().betas(), Math.min(
                        f.parameters().betas().length, smpl.shapeCount()));
                double[] posed = io.metroscope.body.LinearBlendSkinning.pose(smpl, pose, betas).vertices();
                double[] root = root(posed);
                float[] centred = new float[posed.length];
                for (int i = 0; i < posed.length; i++) {
                    centred[i] = (float) (posed[i] - root[i % 3]);
                }
                CropTransform crop;
                float[] camera;
                if (f.camera() != null) {
                    crop = f.crop() != null ? f.crop() : centreCrop(facts);
                    camera = f.camera();
                } else if (f.perspective()) {
                    crop = perspectiveCrop(posed, f);
                    camera = weakPerspective(posed, centred, f, crop);
                } else {
                    crop = centreCrop(facts);
                    camera = framingCamera(centred);
                }
                items.add(item(image, facts, crop, "SMPL parameters " + file.getFileName(), null, centred, camera));
                params.add(f.parameters());
            } catch (FormatException e) {
                problems.add(e.getMessage());
            }
        }
        List<Long> ids = insert(items, params);
        return new ImportReport(ids, problems);
    }

    /** The template regressor's root joint of V×3 vertices. */
    private double[] root(double[] v) {
        double[] joints = template.jointRegressor().multiply(v, 3);
        int r = template.regressorJoints().root();
        return new double[] {joints[3 * r], joints[3 * r + 1], joints[3 * r + 2]};
    }

    /** Pixel of camera-frame point {@code i} of {@code v} (plus the translation) through the pinhole camera. */
    private static double[] pinhole(double[] v, int i, SmplParameterFile f) {
        double fx = f.focal()[0];
        double fy = f.focal().length > 1 ? f.focal()[1] : fx;
        double z = v[3 * i + 2] + f.trans()[2];
        return new double[] {fx * (v[3 * i] + f.trans()[0]) / z + f.princpt()[0],
            fy * (v[3 * i + 1] + f.trans()[1]) / z + f.princpt()[1]};
    }

    /** The square box around the perspective projection of the mesh, 20 % larger than its extent. */
    private static CropTransform perspectiveCrop(double[] posed, SmplParameterFile f) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < posed.length / 3; i++) {
            double[] p = pinhole(posed, i, f);
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double side = Math.max(1, 1.2 * Math.max(maxX - minX, maxY - minY));
        return new CropTransform((minX + maxX - side) / 2, (minY + maxY - side) / 2, side / 224, side / 224, 224, 224);
    }

    /** Least-squares {@code [s, tx, ty]} with {@code s·(X + t)} ≈ the perspective projection, in the crop's units. */
    private static float[] weakPerspective(double[] posed, float[] centred, SmplParameterFile f, CropTransform crop) {
        // n = s·X + a (x and y share s): normal equations of the 3 unknowns s, a = s·tx, b = s·ty.
        double sxx = 0;
        double sx = 0;
        double sy = 0;
        double sxn = 0;
        double sn = 0;
        double sm = 0;
        int n = centred.length / 3;
        for (int i = 0; i < n; i++) {
            double[] p = pinhole(posed, i, f);
            double[] c = crop.toCrop(p[0], p[1]);
            double nx = 2 * c[0] / crop.cropWidth() - 1;
            double ny = 2 * c[1] / crop.cropHeight() - 1;
            double x = centred[3 * i];
            double y = centred[3 * i + 1];
            sxx += x * x + y * y;
            sx += x;
            sy += y;
            sxn += x * nx + y * ny;
            sn += nx;
            sm += ny;
        }
        // With a = sn/n − s·sx/n and b = sm/n − s·sy/n substituted into the s equation:
        double s = (sxn - (sx * sn + sy * sm) / n) / (sxx - (sx * sx + sy * sy) / n);
        double a = (sn - s * sx) / n;
        double b = (sm - s * sy) / n;
        return new float[] {(float) s, (float) (a / s), (float) (b / s)};
    }

    private FormatException wrongTopology(Path file, int vertices) {
        return new FormatException(file, "the mesh has " + vertices + " vertices, but this " + template.kind().id()
                + " project's template has " + template.fullVertexCount() + " vertices and "
                + template.faces().length / 3 + " faces (a mesh of another topology cannot be edited or skinned)",
                "export the mesh from the project's template (" + template.fullVertexCount() + " vertices), or "
                        + "create a project for its kind");
    }

    private NewItem fromReconstruction(Path image, Reconstruction r, String sourcePrefix) throws FormatException {
        if (r.vertexCount() != template.fullVertexCount()) {
            throw wrongTopology(image, r.vertexCount());
        }
        ImageFacts facts = ImageFacts.of(image);
        float[] mesh = r.verticesCentered();
        return item(image, facts, r.crop(), sourcePrefix + r.modelId(), tokenError(r.joints(), r.root(), mesh), mesh,
                r.camera());
    }

    private NewItem item(Path image, ImageFacts facts, CropTransform crop, String source, Double error,
            float[] vertices, float[] camera) {
        float[] joints3d = MeshPoser.toFloats(template.tokenJointsOf(MeshPoser.toDoubles(vertices)));
        int j = joints3d.length / 3;
        float[] xy = new float[2 * j];
        boolean[] visible = new boolean[j];
        for (int i = 0; i < j; i++) {
            double nx = camera[0] * (joints3d[3 * i] + camera[1]);
            double ny = camera[0] * (joints3d[3 * i + 1] + camera[2]);
            double[] p = crop.normalizedToImage(nx, ny);
            xy[2 * i] = (float) p[0];
            xy[2 * i + 1] = (float) p[1];
            visible[i] = p[0] >= 0 && p[1] >= 0 && p[0] < facts.width() && p[1] < facts.height();
        }
        return new NewItem(relative(image), facts.sha256(), facts.width(), facts.height(), crop, source, error,
                vertices, joints3d, camera, Joints2d.of(xy, visible));
    }

    /** Adds prepared items (their image facts and joints already known) in one transaction; returns their ids. */
    public List<Long> add(List<NewItem> items) throws FormatException {
        return insert(items);
    }

    /** Inserts items, one transaction for all of them. */
    private List<Long> insert(List<NewItem> items) throws FormatException {
        return insert(items, null);
    }

    /** Inserts items with their SMPL parameters ({@code smpl} null or parallel to {@code items}). */
    private List<Long> insert(List<NewItem> items, List<SmplParameters> smpl) throws FormatException {
        if (items.isEmpty()) {
            return List.of();
        }
        return project.database().write(c -> {
            long now = System.currentTimeMillis();
            List<Long> ids = new ArrayList<>(items.size());
            for (NewItem item : items) {
                long id = ItemTable.insert(c, item, now);
                MeshTable.insert(c, id, item.vertices(), item.joints3d(), item.camera());
                JointTable.insert(c, id, item.joints2d());
                if (smpl != null) {
                    SmplTable.insert(c, id, smpl.get(ids.size()));
                }
                ids.add(id);
            }
            return ids;
        });
    }

    /** The image path relative to the project's folder, with '/' separators. */
    private String relative(Path image) {
        Path abs = image.toAbsolutePath().normalize();
        Path rel;
        try {
            rel = project.folder().relativize(abs);
        } catch (IllegalArgumentException e) {
            rel = abs;
        }
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }

    private static Path resolveImage(Path json, String source) throws FormatException {
        Path named = Path.of(source);
        if (Files.isRegularFile(named)) {
            return named;
        }
        Path beside = json.toAbsolutePath().getParent().resolve(named.getFileName());
        if (Files.isRegularFile(beside)) {
            return beside;
        }
        throw new FormatException(json, "its image " + source + " was not found (nor beside the JSON file)",
                "put the image beside the JSON file, then import again");
    }

    private static Path beside(Path mesh, String extension) {
        String name = mesh.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return mesh.toAbsolutePath().resolveSibling((dot < 0 ? name : name.substring(0, dot)) + extension);
    }

    private static Path imageBeside(Path mesh) throws FormatException {
        String name = mesh.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.') < 0 ? name.length() : name.lastIndexOf('.'));
        Path dir = mesh.toAbsolutePath().getParent();
        for (String ext : ImageFiles.EXTENSIONS) {
            for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
                Path candidate = dir.resolve(stem + "." + e);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new FormatException(mesh, "no image named " + stem + ".png (or .jpg, …) is beside it",
                "put each mesh's image beside it with the same name");
    }

    /** The official Resize + CenterCrop to 224: the centre square of the image's shorter side. */
    static CropTransform centreCrop(ImageFacts facts) {
        int side = Math.min(facts.width(), facts.height());
        double scale = side / 224.0;
        return new CropTransform((facts.width() - side) / 2.0, (facts.height() - side) / 2.0, scale, scale, 224, 224);
    }

    /** A camera showing the mesh's x/y extent centred, its larger side spanning 80 % of the crop. */
    static float[] framingCamera(float[] v) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 0; i < v.length; i += 3) {
            minX = Math.min(minX, v[i]);
            maxX = Math.max(maxX, v[i]);
            minY = Math.min(minY, v[i + 1]);
            maxY = Math.max(maxY, v[i + 1]);
        }
        float extent = Math.max(Math.max(maxX - minX, maxY - minY), 1e-6f);
        return new float[] {1.6f / extent, -(minX + maxX) / 2, -(minY + maxY) / 2};
    }

    /** Mean distance (mm) between the joint tokens (minus the root) and the joints regressed from the mesh. */
    private Double tokenError(float[] tokens, float[] root, float[] centredMesh) {
        double[] regressed = template.tokenJointsOf(MeshPoser.toDoubles(centredMesh));
        if (regressed.length != tokens.length) {
            return null;
        }
        double sum = 0;
        int j = tokens.length / 3;
        for (int i = 0; i < j; i++) {
            double dx = tokens[3 * i] - root[0] - regressed[3 * i];
            double dy = tokens[3 * i + 1] - root[1] - regressed[3 * i + 1];
            double dz = tokens[3 * i + 2] - root[2] - regressed[3 * i + 2];
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return 1000 * sum / j;
    }

    private static float[] slice(float[] all, int i, int each) {
        return java.util.Arrays.copyOfRange(all, i * each, (i + 1) * each);
    }
}
