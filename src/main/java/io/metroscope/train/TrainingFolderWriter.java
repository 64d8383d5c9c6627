package io.metroscope.train;

import io.metroscope.platform.DaemonThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;


import io.metroscope.format.AtomicFiles;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;

/**
 * Writes a synthetic dataset in Metroscope's training folder format (README, "Training folder format"): every file
 * atomically, items in parallel on a fixed number of workers, {@code dataset.json} last. The bytes depend only on the
 * configuration and the seed, never on the number of workers or their timing.
 */
public final class TrainingFolderWriter {
    /** The {@code format} value of {@code dataset.json}. */
    public static final String FORMAT = "metroscope-training-folder";
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private TrainingFolderWriter() {
    }

    /**
     * Synthesises {@code count} items into {@code dir} with {@code workers} threads; {@code templateBytes} are the
     * exact bytes of the template file (copied to {@code template.npz}, hashed into the manifest), {@code source}
     * its name for the manifest, {@code extra} free-form generator settings for the manifest. Returns the manifest.
     */
    public static Map<String, Object> write(Path dir, SynthConfig config, byte[] templateBytes, String source,
                                            int count, int workers, Map<String, Object> extra, IntConsumer progress)
            throws IOException {
        if (count < 0 || workers < 1) {
            throw new IllegalArgumentException("count must be ≥ 0 and workers ≥ 1");
        }
        // A manifest left by an earlier run would vouch for items being rewritten now.
        Files.deleteIfExists(dir.resolve(TrainingFolder.MANIFEST));
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("labels"));
        AtomicFiles.write(dir.resolve("template.npz"), out -> out.write(templateBytes));
        Synthesizer synth = new Synthesizer(config);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, DaemonThreads.factory("synth-worker-%d"));
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        writeItem(dir, synth.generate(i));
                        int d = done.incrementAndGet();
                        if (progress != null) {
                            progress.accept(d);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            next.set(Integer.MAX_VALUE);
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("synthesis failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> manifest = manifest(config, templateBytes, source, count, extra);
        TrainingManifest.write(dir, manifest);
        return manifest;
    }

    /** The image path of item {@code index}, relative to the folder. */
    public static String imageName(int index) {
        return String.format("images/%06d.png", index);
    }

    /** The labels path of item {@code index}, relative to the folder. */
    public static String labelsName(int index) {
        return String.format("labels/%06d.npz", index);
    }

    static void writeItem(Path dir, Synthesized s) throws IOException {
        TrainingItem t = s.labels();
        byte[] png = PngWriter.encode(s.rgb(), t.imageSize(), t.imageSize());
        ItemFiles.write(dir.resolve(imageName(t.index())), png);
        ItemFiles.write(dir.resolve(labelsName(t.index())), Npz.toBytes(arrays(t), false));
    }

    /** The npz entries of an item, in file order. */
    public static Map<String, NdArray> arrays(TrainingItem t) {
        int j = t.jointCount();
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("joints_3d", NdArray.ofFloats(t.joints3d(), j, 3));
        a.put("joints_2d", NdArray.ofFloats(t.joints2d(), j, 3));
        a.put("joints_2d_px", NdArray.ofFloats(t.joints2dPixels(), j, 2));
        a.put("vertices_full", NdArray.ofFloats(t.verticesFull(), t.verticesFull().length / 3, 3));
        if (t.verticesMid().length > 0) {
            a.put("vertices_mid", NdArray.ofFloats(t.verticesMid(), t.verticesMid().length / 3, 3));
        }
        a.put("vertices_coarse", NdArray.ofFloats(t.verticesCoarse(), t.verticesCoarse().length / 3, 3));
        a.put("root", NdArray.ofFloats(t.root(), 3));
        a.put("camera", NdArray.ofFloats(t.camera(), 3));
        a.put("pose", NdArray.ofFloats(t.pose(), t.pose().length));
        a.put("betas", NdArray.ofFloats(t.betas(), t.betas().length));
        a.put("occluder_mask", packBits(t.occluderMask(), t.imageSize()));
        a.put("has_3d_joints", NdArray.ofInts(new int[] {t.hasJoints3d() ? 1 : 0}));
        a.put("has_2d_joints", NdArray.ofInts(new int[] {t.hasJoints2d() ? 1 : 0}));
        a.put("has_mesh", NdArray.ofInts(new int[] {t.hasMesh() ? 1 : 0}));
        return a;
    }

    /** A size×size 0/1 mask as numpy's {@code packbits(mask, axis=1)}: u1 (size, ⌈size/8⌉), first pixel in the high bit. */
    static NdArray packBits(byte[] mask, int size) {
        int stride = (size + 7) / 8;
        byte[] packed = new byte[size * stride];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (mask[y * size + x] != 0) {
                    packed[y * stride + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
        }
        return new NdArray(io.metroscope.format.DType.UINT8, new int[] {size, stride},
                java.nio.ByteBuffer.wrap(packed), null);
    }

    /** The inverse of {@link #packBits}. */
    static byte[] unpackBits(NdArray packed, int size) {
        int stride = (size + 7) / 8;
        if (packed.rank() != 2 || packed.dim(0) != size || packed.dim(1) != stride) {
            throw new IllegalArgumentException("occluder_mask must be " + size + "×" + stride + " packed bits");
        }
        byte[] mask = new byte[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                long b = packed.getLong(y * stride + x / 8);
                mask[y * size + x] = (byte) ((b >>> (7 - x % 8)) & 1);
            }
        }
        return mask;
    }

    private static Map<String, Object> manifest(SynthConfig config, byte[] templateBytes, String source, int count,
                                                Map<String, Object> extra) {
        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("name", "metroscope synth");
        generator.put("class", Synthesizer.class.getName());
        generator.put("version", Synthesizer.VERSION);
        generator.put("seed", config.seed());
        generator.put("occluders", config.occluders());
        generator.put("wide", config.wide());
        generator.put("max_turn_degrees", config.maxTurn());
        generator.put("background_photos", config.backgrounds().photos().size());
        generator.put("given_poses", config.poses().size());
        generator.putAll(extra);
        return TrainingManifest.of(config.template(), templateBytes, source, count, config.size(), generator);
    }
}
