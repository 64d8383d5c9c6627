package io.metroscope.platform;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Checks libtorch's CPU convolutions against a plain float64 Java reference. Meant for a child JVM (see
 * {@link CpuKernelGuard}): the first convolution fixes the instruction set oneDNN uses for the whole process.
 */
public final class ConvolutionProbe {

    /** One square convolution: channels in and out, input side, kernel side, stride (padding keeps "same"). */
    public record Case(int in, int out, int size, int kernel, int stride) {

        int padding() {
            return kernel / 2;
        }

        int outSize() {
            return (size + 2 * padding() - kernel) / stride + 1;
        }

        @Override
        public String toString() {
            return in + "->" + out + " channels, " + size + "x" + size + ", " + kernel + "x" + kernel + " stride "
                    + stride;
        }
    }

    /** One case's largest absolute difference from the reference. */
    public record Result(Case shape, double maxError) {

        public boolean wrong() {
            return !(maxError <= TOLERANCE);
        }
    }

    /**
     * The shapes of the bundled demo backbone's first layers. The first two went wrong with oneDNN 3.7.1's AVX-512
     * kernels (libtorch 2.7.1) on an AMD EPYC VM: 24 input channels, padded to 32 in oneDNN's blocked layout, at
     * 56×56 (max error 1.75), while 16, 32 or 64 channels and 28×28 inputs were right.
     */
    public static final List<Case> CASES = List.of(new Case(24, 24, 56, 3, 1), new Case(24, 48, 56, 3, 2),
            new Case(3, 24, 224, 7, 2), new Case(48, 96, 28, 1, 2), new Case(32, 32, 56, 3, 1));

    /** Float32 results of sums over at most 3·49 or 48·9 products stay far below this. */
    public static final double TOLERANCE = 1e-3;

    /** The exit status of {@link #main} when some case is wrong. */
    public static final int WRONG = 3;

    private ConvolutionProbe() {
    }

    /** Runs every case on the CPU, in order. */
    public static List<Result> run() {
        List<Result> results = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Random random = new Random(20261127);
            for (Case c : CASES) {
                results.add(new Result(c, check(manager, c, random)));
            }
        }
        return results;
    }

    private static double check(NDManager manager, Case c, Random random) {
        float[] x = gaussian(random, c.in() * c.size() * c.size(), 1);
        float[] w = gaussian(random, c.out() * c.in() * c.kernel() * c.kernel(), 0.1f);
        float[] b = gaussian(random, c.out(), 1);
        float[] y;
        try (NDManager sub = manager.newSubManager()) {
            NDArray out = Conv2d.conv2d(sub.create(x, new Shape(1, c.in(), c.size(), c.size())),
                    sub.create(w, new Shape(c.out(), c.in(), c.kernel(), c.kernel())), sub.create(b),
                    new Shape(c.stride(), c.stride()), new Shape(c.padding(), c.padding()), new Shape(1, 1))
                    .singletonOrThrow();
            y = out.toFloatArray();
        }
        return maxError(c, x, w, b, y);
    }

    /** The largest |y − reference| over all outputs; NaN anywhere gives NaN. */
    static double maxError(Case c, float[] x, float[] w, float[] b, float[] y) {
        int n = c.size();
        int k = c.kernel();
        int m = c.outSize();
        double max = 0;
        for (int o = 0; o < c.out(); o++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double sum = b[o];
                    for (int ch = 0; ch < c.in(); ch++) {
                        for (int ki = 0; ki < k; ki++) {
                            int row = i * c.stride() + ki - c.padding();
                            if (row < 0 || row >= n) {
                                continue;
                            }
                            for (int kj = 0; kj < k; kj++) {
                                int col = j * c.stride() + kj - c.padding();
                                if (col >= 0 && col < n) {
                                    double weight = w[((o * c.in() + ch) * k + ki) * k + kj];
                                    sum += weight * x[(ch * n + row) * n + col];
                                }
                            }
                        }
                    }
                    double error = Math.abs(sum - y[(o * m + i) * m + j]);
                    if (Double.isNaN(error)) {
                        return Double.NaN;
                    }
                    max = Math.max(max, error);
                }
            }
        }
        return max;
    }

    private static float[] gaussian(Random random, int n, float scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return values;
    }

    /**
     * Prints one line per case (marked "(wrong)" where wrong) and exits with {@link #WRONG} when any is wrong, 0 when
     * all are right.
     */
    public static void main(String[] args) {
        boolean wrong = false;
        for (Result r : run()) {
            System.out.printf("%s: max error %.3g%s%n", r.shape(), r.maxError(), r.wrong() ? " (wrong)" : "");
            wrong |= r.wrong();
        }
        System.out.flush();
        System.exit(wrong ? WRONG : 0);
    }
}
