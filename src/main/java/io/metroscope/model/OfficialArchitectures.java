package io.metroscope.model;

import io.metroscope.format.DType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full-size architectures of the released METRO checkpoints (METRO.md §1.2, §9.1), built from our own
 * specs without any licensed file, and the complete official state_dict key → shape tables they imply
 * (including the entries the forward pass never reads: BERT embeddings and poolers, the HRNet classifier and
 * the BatchNorm step counters).
 */
public final class OfficialArchitectures {

    /** BERT-base vocabulary, position and token-type table sizes of every block's unused embeddings. */
    private static final int VOCAB = 30522;
    private static final int POSITIONS = 512;
    private static final int TOKEN_TYPES = 2;
    private static final int CLASSES = 1000;

    private OfficialArchitectures() {
    }

    /** One official state_dict entry: its shape and element type. */
    public record KeySpec(int[] shape, DType dtype) {
        public KeySpec {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public long numel() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** HRNet-W64-C as configured by {@code cls_hrnet_w64_sgd_lr5e-2_wd1e-4_bs32_x100.yaml}. */
    public static HrNetSpec hrnetW64(boolean pooled) {
        return new HrNetSpec(64, List.of(
                new HrNetStage(1, ResidualBlockType.BOTTLENECK, new int[] {4}, new int[] {64}),
                new HrNetStage(1, ResidualBlockType.BASIC, new int[] {4, 4}, new int[] {64, 128}),
                new HrNetStage(4, ResidualBlockType.BASIC, new int[] {4, 4, 4}, new int[] {64, 128, 256}),
                new HrNetStage(3, ResidualBlockType.BASIC, new int[] {4, 4, 4, 4}, new int[] {64, 128, 256, 512})),
                new int[] {32, 64, 128, 256}, 2048, pooled);
    }

    /** The released body network: HRNet-W64 feature maps, 2051→512→128→3, hidden 1024/256/128, FFN 3072. */
    public static MetroArchitecture body() {
        return new MetroArchitecture(MeshKind.BODY, hrnetW64(false), List.of(
                new BlockSpec(2051, 1024, 512, 4, 4, 3072, POSITIONS),
                new BlockSpec(512, 256, 128, 4, 4, 3072, POSITIONS),
                new BlockSpec(128, 128, 3, 4, 4, 3072, POSITIONS)),
                new TokenLayout(14, 431, 1723, 6890, 250));
    }

    /** The released hand network: HRNet-W64 pooled, 2051→512→128→3, hidden 1024/256/64, FFN 4×hidden. */
    public static MetroArchitecture hand() {
        return new MetroArchitecture(MeshKind.HAND, hrnetW64(true), List.of(
                new BlockSpec(2051, 1024, 512, 4, 4, 4096, POSITIONS),
                new BlockSpec(512, 256, 128, 4, 4, 1024, POSITIONS),
                new BlockSpec(128, 64, 3, 4, 4, 256, POSITIONS)),
                new TokenLayout(21, 195, 0, 778, 150));
    }

    /** {@link #body()} or {@link #hand()}. */
    public static MetroArchitecture of(MeshKind kind) {
        return kind == MeshKind.BODY ? body() : hand();
    }

    /** Official key → shape of every tensor our network reads for {@code arch}, in build order. */
    public static Map<String, int[]> usedShapes(MetroArchitecture arch) {
        WeightBinder w = WeightBinder.recording();
        Backbone.bind(w, arch.backbone());
        if (arch.kind() == MeshKind.BODY) {
            BodyHead.bind(w, arch, MetroModel.BODY_GRID_CELLS);
        } else {
            HandHead.bind(w, arch);
        }
        return new LinkedHashMap<>(w.requestedShapes());
    }

    /**
     * The complete official state_dict of {@code arch}: the tensors the network reads, then for every block the
     * unused BERT embeddings and pooler, the unused HRNet classifier (HRNet backbones) and one int64
     * {@code num_batches_tracked} scalar per BatchNorm of the backbone.
     */
    public static Map<String, KeySpec> stateDictShapes(MetroArchitecture arch) {
        Map<String, KeySpec> all = new LinkedHashMap<>();
        usedShapes(arch).forEach((k, s) -> all.put(k, new KeySpec(s, DType.FLOAT32)));
        for (String key : List.copyOf(all.keySet())) {
            if (key.startsWith("backbone.") && key.endsWith(".running_var")) {
                String bn = key.substring(0, key.length() - ".running_var".length());
                all.put(bn + ".num_batches_tracked", new KeySpec(new int[0], DType.INT64));
            }
        }
        for (int b = 0; b < arch.blocks().size(); b++) {
            int h = arch.blocks().get(b).hiddenDim();
            String p = "trans_encoder." + b + ".bert.";
            all.put(p + "embeddings.word_embeddings.weight", new KeySpec(new int[] {VOCAB, h}, DType.FLOAT32));
            all.put(p + "embeddings.position_embeddings.weight", new KeySpec(new int[] {POSITIONS, h}, DType.FLOAT32));
            all.put(p + "embeddings.token_type_embeddings.weight",
                    new KeySpec(new int[] {TOKEN_TYPES, h}, DType.FLOAT32));
            all.put(p + "embeddings.LayerNorm.weight", new KeySpec(new int[] {h}, DType.FLOAT32));
            all.put(p + "embeddings.LayerNorm.bias", new KeySpec(new int[] {h}, DType.FLOAT32));
            all.put(p + "pooler.dense.weight", new KeySpec(new int[] {h, h}, DType.FLOAT32));
            all.put(p + "pooler.dense.bias", new KeySpec(new int[] {h}, DType.FLOAT32));
        }
        if (arch.backbone() instanceof HrNetSpec hr) {
            int in = hr.featureDim();
            all.put("backbone.classifier.weight", new KeySpec(new int[] {CLASSES, in}, DType.FLOAT32));
            all.put("backbone.classifier.bias", new KeySpec(new int[] {CLASSES}, DType.FLOAT32));
        }
        return all;
    }
}
