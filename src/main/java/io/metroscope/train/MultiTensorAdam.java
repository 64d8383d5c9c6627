package io.metroscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Adam's update over all parameter tensors at once, through PyTorch's multi-tensor ({@code _foreach_*}) ops, as
 * {@code torch.optim.Adam} runs by default on CUDA. DJL exposes no such op, so they run inside a TorchScript module of
 * our own ({@code multi_tensor_adam.torchscript}, compiled by libtorch when loaded): one JNI call a step instead of one
 * per tensor, and a dozen multi-tensor ops in all (on CUDA each a few fused launches over many tensors) instead of
 * about a dozen kernel launches per tensor (the full-size body has 1,204 trained tensors). The arithmetic is DJL's
 * Adam kernel's, less two passes that change no value: its copy of each gradient and its weight decay of 0 added to it.
 */
final class MultiTensorAdam {

    /** JVM property: {@code per-tensor} turns this off (DJL's kernel tensor by tensor), e.g. to compare the two. */
    static final String PROPERTY = "metroscope.adam";

    private static final Logger LOG = LoggerFactory.getLogger(MultiTensorAdam.class);
    private static final String SOURCE = "multi_tensor_adam.torchscript";
    private static final String NAME = "multi_tensor_adam";
    // data.pkl of a TorchScript archive: protocol 2, GLOBAL "__torch__ MultiTensorAdam", EMPTY_TUPLE, NEWOBJ,
    // EMPTY_DICT, MARK, "training", True, SETITEMS, BUILD, STOP: an instance whose only attribute is training = True.
    private static final byte[] DATA_PKL = concat(new byte[] {(byte) 0x80, 2, 'c'},
            "__torch__\nMultiTensorAdam\n".getBytes(StandardCharsets.US_ASCII),
            new byte[] {')', (byte) 0x81, '}', '(', 'X', 8, 0, 0, 0},
            "training".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x88, 'u', 'b', '.'});
    private static final byte[] EMPTY_TUPLE_PKL = {(byte) 0x80, 2, ')', '.'};

    private static Optional<MultiTensorAdam> shared;

    private final NDManager owner;
    private final PtSymbolBlock module;

    private MultiTensorAdam(NDManager owner, PtSymbolBlock module) {
        this.owner = owner;
        this.module = module;
    }

    /**
     * The JVM's instance (loaded on first use and kept for the JVM's life: it holds no tensors), or empty when the
     * property says {@code per-tensor} or when this PyTorch cannot load TorchScript (the reason is logged once).
     */
    static synchronized Optional<MultiTensorAdam> shared() {
        if (shared == null) {
            shared = "per-tensor".equals(System.getProperty(PROPERTY, "")) ? Optional.empty() : tryLoad();
        }
        return shared;
    }

    private static Optional<MultiTensorAdam> tryLoad() {
        NDManager manager = NDManager.newBaseManager("PyTorch");
        try {
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive()),
                    false, false);
            return Optional.of(new MultiTensorAdam(manager, block));
        } catch (RuntimeException | IOException e) {
            manager.close();
            LOG.warn("Multi-tensor Adam unavailable ({}); using DJL's Adam kernel tensor by tensor", e.getMessage());
            return Optional.empty();
        }
    }

    /** The TorchScript archive (zip) holding the module: its source, an instance of it, and the format version. */
    static byte[] archive() throws IOException {
        byte[] code;
        try (InputStream in = MultiTensorAdam.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is missing from the application's classes");
            }
            code = in.readAllBytes();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "data.pkl", DATA_PKL);
            put(zip, "code/__torch__.py", code);
            put(zip, "constants.pkl", EMPTY_TUPLE_PKL);
            put(zip, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            put(zip, "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    /**
     * One Adam step in place on {@code weights}, {@code means} and {@code variances} (all lists in the same order),
     * with the gradients first multiplied by {@code rescale}; the gradients are zeroed afterwards.
     */
    void step(List<NDArray> weights, List<NDArray> grads, List<NDArray> means, List<NDArray> variances,
            float beta1, float beta2, float epsilon, float stepSize, float rescale) {
        // Scalars as DJL's kernel computes them: in float, then widened.
        double[] settings = {beta1, 1f - beta1, beta2, 1f - beta2, epsilon, stepSize, rescale};
        try (IValue w = list(weights); IValue g = list(grads); IValue m = list(means); IValue v = list(variances);
                IValue s = IValue.listFrom(settings)) {
            IValueUtils.runMethod(module, "forward", w, g, m, v, s).close(); // None: the update is in place
        }
    }

    /** The L2 norm over all {@code grads} (per-tensor norms on their device, combined in float64), read back once. */
    double norm(List<NDArray> grads) {
        if (grads.isEmpty()) {
            return 0;
        }
        try (IValue g = list(grads); IValue result = IValueUtils.runMethod(module, "norm", g);
                NDManager scratch = owner.newSubManager();
                NDArray total = result.toTensor((PtNDManager) scratch)) {
            return total.getDouble();
        }
    }

    private static IValue list(List<NDArray> arrays) {
        PtNDArray[] pt = new PtNDArray[arrays.size()];
        for (int i = 0; i < pt.length; i++) {
            if (!(arrays.get(i) instanceof PtNDArray p)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "multi-tensor Adam needs PyTorch arrays, got %s", arrays.get(i).getClass().getName()));
            }
            pt[i] = p;
        }
        return IValue.listFrom(pt);
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) {
        try {
            zip.putNextEntry(new ZipEntry(NAME + "/" + name));
            zip.write(data);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
