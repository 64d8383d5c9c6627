package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Inverted dropout for CPU tensors with the keep mask drawn on all cores. LibTorch draws a CPU dropout mask one
 * element at a time from its single global generator (about 11 ns per element here), which made dropout on the
 * (B, heads, N, N) attention probabilities a third of a demo training step; this draws the same Bernoulli(1 − p)
 * mask, scaled by 1 / (1 − p), in parallel chunks. The chunk generators are seeded from the engine's generator, so
 * a mask still follows from {@code Engine.setRandomSeed} (and a resumed run repeats an uninterrupted one), and
 * does not depend on the number of threads.
 */
final class CpuDropout {

    /** Elements per chunk, each drawn by its own generator. */
    static final int CHUNK = 1 << 16;
    private static final double TWO_32 = 4294967296.0;

    private CpuDropout() {
    }

    /** {@code x} with each element zeroed with probability {@code rate}, the others divided by 1 − rate. */
    static NDArray apply(NDArray x, float rate) {
        long seed = x.getManager().randomInteger(0, Long.MAX_VALUE, new Shape(1), DataType.INT64).getLong();
        ByteBuffer mask = mask(Math.toIntExact(x.size()), rate, seed);
        // The mask tensor wraps the Java buffer and autograd keeps it for the backward pass: the array (holding the
        // buffer) stays registered with x's manager and the step's NDScope until the step is closed, after backward.
        return x.mul(x.getManager().create(mask, x.getShape(), DataType.FLOAT32));
    }

    /**
     * The mask as native-order float32 values 0 or 1 / keep, where keep = 1 − rate rounded to a multiple of 2⁻³²
     * (each element compares 32 random bits with it, so the expectation of {@code x · mask} stays {@code x}).
     */
    static ByteBuffer mask(int count, float rate, long seed) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in (0, 1): " + rate);
        }
        // The LibTorch tensor wraps this buffer without a copy, so every call needs its own.
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.multiplyExact(count, Float.BYTES))
                .order(ByteOrder.nativeOrder());
        FloatBuffer out = bytes.asFloatBuffer();
        long threshold = Math.round((1 - (double) rate) * TWO_32);
        float scale = (float) (TWO_32 / threshold);
        int chunks = (count + CHUNK - 1) / CHUNK;
        // Independent chunk seeds: SplittableRandom streams started from nearby seeds would overlap.
        SplittableRandom root = new SplittableRandom(seed);
        long[] seeds = new long[chunks];
        for (int c = 0; c < chunks; c++) {
            seeds[c] = root.nextLong();
        }
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SplittableRandom random = new SplittableRandom(seeds[c]);
            int from = c * CHUNK;
            int to = Math.min(count, from + CHUNK);
            for (int i = from; i < to; i += 2) {
                long bits = random.nextLong();
                out.put(i, (bits >>> 32) < threshold ? scale : 0f);
                if (i + 1 < to) {
                    out.put(i + 1, (bits & 0xFFFFFFFFL) < threshold ? scale : 0f);
                }
            }
        });
        return bytes;
    }
}
