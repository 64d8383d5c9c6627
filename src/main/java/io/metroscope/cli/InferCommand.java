package io.metroscope.cli;

import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npy;
import io.metroscope.model.LoadReport;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.recon.ImageInputs;
import io.metroscope.recon.InputBatch;
import io.metroscope.recon.OfficialImageInputs;
import io.metroscope.recon.Reconstruction;
import io.metroscope.recon.ReconstructionExport;
import io.metroscope.recon.ReconstructionModel;
import io.metroscope.recon.ReconstructionService;
import io.metroscope.recon.RunOptions;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.ImageFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs METRO on a batch and writes every output as one {@code .npz} (float32, leading batch axis, input order),
 * with the array names of the parity fixtures' {@code expected.npz}.
 */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reconstruct body or hand meshes with a METRO model (--bundle, or --checkpoint with a template) and write "
                        + "all outputs to an .npz.",
                "Arrays (float32, batch first, in input order): input, cam, joints, vertices_coarse, vertices_mid "
                        + "(body), vertices, root, vertices_centered, joints_regressed, joints2d ([-1,1] crop coords), "
                        + "vertices2d_coarse, template; with --attention also attention and attention_demo."})
public final class InferCommand implements Callable<Integer> {

    private static final int SIDE = InputBatch.METRO_SIZE;

    @Mixin
    DeviceOption device;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--attention", description = "Also write the last block's attention and the demo's attention row.")
    boolean attention;

    @Mixin
    FlipAverageOption flipAverage = new FlipAverageOption();

    @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "Where to write the outputs.")
    Path out;

    @Option(names = "--input-tensor", paramLabel = "T.npy",
            description = "A pre-processed, normalised float32 tensor B×3×224×224 (or 3×224×224) instead of images.")
    Path inputTensor;

    @Option(names = "--apply-exif", description = "Rotate images by their EXIF orientation before pre-processing "
            + "(the official demo ignores it, so by default so does infer).")
    boolean applyExif;

    @Parameters(paramLabel = "IMAGE", arity = "0..*",
            description = "Images to reconstruct, in this order; a folder stands for its images, sorted by name.")
    List<Path> images = List.of();

    @Spec
    CommandSpec spec;

    private final ComputeDeviceService devices;
    private final ImageInputs imageInputs;

    /**
     * {@code imageInputs} reads IMAGE arguments; null means the official pre-processing
     * ({@link OfficialImageInputs}: Pillow-compatible decoding, EXIF ignored like the demo, unless --apply-exif).
     */
    public InferCommand(ComputeDeviceService devices, ImageInputs imageInputs) {
        this.devices = devices;
        this.imageInputs = imageInputs;
    }

    @Override
    public Integer call() throws Exception {
        OutputFiles.prepare(out);
        ModelOptions.Chosen chosen = modelOptions.choose(device.spec());
        long t0 = System.nanoTime();
        InputBatch input = readInput();
        long t1 = System.nanoTime();
        PrintWriter o = spec.commandLine().getOut();
        try (ReconstructionService service = new ReconstructionService(devices)) {
            try (ReconstructionModel loaded = await(service.load(chosen.spec()))) {
                chosen.check(loaded.architecture());
                flipAverage.requireBody(spec, loaded.architecture().kind() == MeshKind.BODY, loaded.id());
                long t2 = System.nanoTime();
                List<Reconstruction> results = await(service.reconstruct(loaded, input,
                        RunOptions.defaults().withAttention(attention).withFlipAverage(flipAverage.on())));
                long t3 = System.nanoTime();
                Map<String, NdArray> arrays = arrays(input, loaded, results);
                write(arrays);
                long t4 = System.nanoTime();
                summarise(o, loaded, input, results, arrays.size(), ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4));
            }
        }
        return 0;
    }

    private InputBatch readInput() throws IOException {
        if ((inputTensor == null) == images.isEmpty()) {
            throw new ParameterException(spec.commandLine(), images.isEmpty()
                    ? "give images (IMAGE...) or --input-tensor T.npy"
                    : "give either images or --input-tensor, not both");
        }
        if (inputTensor != null) {
            return readTensor(inputTensor);
        }
        ImageInputs reader = imageInputs != null ? imageInputs
                : new OfficialImageInputs(applyExif ? DecodeOptions.forUsers() : DecodeOptions.officialParity());
        return reader.read(expandFolders(images));
    }

    /** Each folder named becomes its images, sorted by name; a folder without any is refused, naming it. */
    static List<Path> expandFolders(List<Path> paths) throws FormatException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                files.addAll(ImageFiles.nonEmptyIn(p, "give image files, or a folder of them"));
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /** A normalised B×3×224×224 (or 3×224×224) float tensor from a .npy file. */
    static InputBatch readTensor(Path file) throws FormatException {
        NdArray array = Npy.read(file);
        int[] shape = array.shape();
        String fix = "save the normalised input with numpy.save as a float32 array of shape (B, 3, 224, 224)";
        if (array.dtype() != DType.FLOAT32 && array.dtype() != DType.FLOAT64) {
            throw new FormatException(file, "its dtype is " + array.dtype() + ", not float32", fix);
        }
        boolean single = shape.length == 3;
        int[] full = single ? new int[] {1, shape[0], shape[1], shape[2]} : shape;
        if (full.length != 4 || full[0] < 1 || full[1] != 3 || full[2] != SIDE || full[3] != SIDE) {
            throw new FormatException(file, "its shape is " + shapeText(shape) + " but METRO needs (B, 3, " + SIDE
                    + ", " + SIDE + "): B normalised RGB crops, channels first", fix);
        }
        float[] values = array.toFloatArray();
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new FormatException(file, "it holds NaN or infinite values", fix);
            }
        }
        return InputBatch.ofTensor(values, full[0], SIDE, SIDE, file.getFileName().toString());
    }

    private Map<String, NdArray> arrays(InputBatch input, ReconstructionModel model, List<Reconstruction> r) {
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("input", NdArray.ofFloats(input.tensor(), r.size(), 3, SIDE, SIDE));
        a.putAll(ReconstructionExport.arrays(r, model.refVertices(), attention));
        return a;
    }

    private void write(Map<String, NdArray> arrays) throws IOException {
        ReconstructionExport.writeNpz(out.toAbsolutePath(), arrays);
    }

    private void summarise(PrintWriter o, ReconstructionModel model, InputBatch input, List<Reconstruction> results,
            int arrayCount, double inputMs, double loadMs, double inferMs, double writeMs) {
        LoadReport report = model.loadReport();
        ReconstructionModel.LoadTimings t = model.timings();
        double forward = results.stream().mapToDouble(r -> r.timings().forwardMillisPerImage()).sum();
        double post = results.stream().mapToDouble(r -> r.timings().postProcessMillis()).sum();
        o.printf(Locale.ROOT, "Model:      %s%n", model.id());
        o.printf(Locale.ROOT, "Network:    %s%n", model.architecture());
        if (modelOptions.bundle != null) {
            o.printf(Locale.ROOT, "Bundle:     %s%n", modelOptions.bundle);
        }
        o.printf(Locale.ROOT, "Checkpoint: %s: %d loaded, %d missing, %d unexpected, %d ignored%n",
                model.spec().checkpoint(),
                report.loaded().size(), report.missing().size(), report.unexpected().size(), report.ignored().size());
        o.printf(Locale.ROOT, "Template:   %s (%d tokens, %d vertices)%n", model.spec().template().describe(),
                model.template().tokenCount(), model.template().fullVertexCount());
        o.printf(Locale.ROOT, "Device:     %s%n", model.device().name());
        o.printf(Locale.ROOT, "Input:      %d × 3×%d×%d from %s%n", input.size(), input.height(), input.width(),
                inputTensor != null ? inputTensor : images.size() + " image(s)");
        o.printf(Locale.ROOT, "Timings:    input %.0f ms; load %.0f ms (engine+device %.0f, template %.0f, checkpoint read "
                + "%.0f, build %.0f, warm-up %.0f); inference %.0f ms (forward %.0f, %.0f ms/image; post-processing "
                + "%.1f); write %.0f ms%n", inputMs, loadMs, t.deviceMillis(), t.templateMillis(),
                t.checkpointReadMillis(), t.buildMillis(), t.warmUpMillis(), inferMs, forward,
                forward / results.size(), post, writeMs);
        o.printf(Locale.ROOT, "Wrote:      %s (%d arrays, batch %d%s)%n", out, arrayCount, results.size(),
                attention ? ", with attention" : "");
        o.flush();
    }

    /** Waits for a service future, rethrowing its failure as it was thrown (for the exit-code mapping). */
    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    private static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }
}
