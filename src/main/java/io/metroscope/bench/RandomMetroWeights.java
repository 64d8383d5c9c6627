package io.metroscope.bench;

import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.TensorStorage;
import io.metroscope.format.TorchCheckpointWriter;
import io.metroscope.format.TorchTensor;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.OfficialArchitectures;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Random weights of the right shapes for a METRO architecture, built without any licensed file (for benchmarks).
 * Values are uniform with a chosen standard deviation, deterministic per (seed, key):
 * BERT-style σ = 0.02 for linear/embedding weights and biases, LayerNorm γ = 1, β = 0; He-style σ = √(1/fan-in)
 * for convolutions and BatchNorm γ ∈ [0.8, 1.2], β, running mean ∈ [−0.1, 0.1], running variance ∈ [0.5, 1.5],
 * so activations stay O(1) through HRNet (no denormals, no overflow); {@code num_batches_tracked} = 0.
 */
public final class RandomMetroWeights {

    private RandomMetroWeights() {
    }

    /** The tensors the network reads ({@code includeUnused}: the complete official state_dict). */
    public static Map<String, TorchTensor> tensors(MetroArchitecture arch, long seed, boolean includeUnused) {
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        Map<String, OfficialArchitectures.KeySpec> specs = OfficialArchitectures.stateDictShapes(arch);
        Map<String, int[]> used = OfficialArchitectures.usedShapes(arch);
        for (Map.Entry<String, OfficialArchitectures.KeySpec> e : specs.entrySet()) {
            if (!includeUnused && !used.containsKey(e.getKey())) {
                continue;
            }
            out.put(e.getKey(), tensor(e.getKey(), e.getValue(), seed));
        }
        return out;
    }

    /** A random template ({@code tokens}×3, in [−0.5, 0.5] "metres"). */
    public static float[] template(MetroArchitecture arch, long seed) {
        float[] t = new float[arch.tokens().tokens() * 3];
        fillUniform(t, seed ^ 0x7E3A, 0.5f);
        return t;
    }

    /**
     * Writes the complete official state_dict of {@code arch} (≈ 0.97 GB for the body) with
     * {@link TorchCheckpointWriter}, one tensor at a time. Returns the file size in bytes.
     */
    public static long writeCheckpoint(Path file, MetroArchitecture arch, long seed) throws FormatException {
        try (TorchCheckpointWriter writer = TorchCheckpointWriter.create(file)) {
            for (Map.Entry<String, OfficialArchitectures.KeySpec> e
                    : OfficialArchitectures.stateDictShapes(arch).entrySet()) {
                OfficialArchitectures.KeySpec spec = e.getValue();
                if (spec.dtype() == DType.INT64) {
                    writer.add(e.getKey(), NdArray.ofLongs(new long[(int) spec.numel()], spec.shape()));
                } else {
                    writer.add(e.getKey(), NdArray.ofFloats(values(e.getKey(), spec.shape(), seed), spec.shape()));
                }
            }
            writer.commit();
        }
        return file.toFile().length();
    }

    private static TorchTensor tensor(String key, OfficialArchitectures.KeySpec spec, long seed) {
        int[] shape = spec.shape();
        int n = (int) spec.numel();
        ByteBuffer bytes = ByteBuffer.allocate(n * spec.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        if (spec.dtype() == DType.FLOAT32) {
            bytes.asFloatBuffer().put(values(key, shape, seed));
        }
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return new TorchTensor(key, spec.dtype(), shape, strides, 0,
                new TensorStorage(key, spec.dtype(), n, bytes));
    }

    /** The values of official key {@code key} (float32, row-major). */
    static float[] values(String key, int[] shape, long seed) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        long s = seed * 0x9E3779B97F4A7C15L ^ key.hashCode();
        boolean backbone = key.startsWith("backbone.") && !key.startsWith("backbone.classifier");
        if (key.endsWith("LayerNorm.weight")) {
            java.util.Arrays.fill(v, 1f);
        } else if (key.endsWith("LayerNorm.bias")) {
            return v;
        } else if (key.endsWith(".running_var")) {
            fillUniform(v, s, 0.5f);
            for (int i = 0; i < n; i++) {
                v[i] += 1f;
            }
        } else if (key.endsWith(".running_mean")) {
            fillUniform(v, s, 0.1f);
        } else if (backbone && shape.length == 4) {
            int fanIn = shape[1] * shape[2] * shape[3];
            fillUniform(v, s, (float) Math.sqrt(3.0 / fanIn));
        } else if (backbone && shape.length == 1 && key.endsWith(".weight")) {
            fillUniform(v, s, 0.2f);
            for (int i = 0; i < n; i++) {
                v[i] += 1f;
            }
        } else if (backbone) {
            fillUniform(v, s, 0.1f);
        } else {
            fillUniform(v, s, (float) (0.02 * Math.sqrt(3.0)));
        }
        return v;
    }

    /** Uniform in [−half, half] from a xorshift64* stream (fast: ~1 ns per value). */
    private static void fillUniform(float[] v, long seed, float half) {
        long x = seed == 0 ? 0x2545F4914F6CDD1DL : seed;
        for (int i = 0; i < v.length; i++) {
            x ^= x >>> 12;
            x ^= x << 25;
            x ^= x >>> 27;
            long r = x * 0x2545F4914F6CDD1DL;
            v[i] = ((r >>> 40) * (1f / (1 << 24)) * 2f - 1f) * half;
        }
    }
}
