package io.metroscope.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a METRO architecture off the official state_dict key names and shapes (PyTorch layouts).
 * Attention heads leave no trace in the weights, so the caller supplies them.
 */
public final class ArchitectureInference {

    private final Map<String, int[]> shapes;

    private ArchitectureInference(Map<String, int[]> shapes) {
        this.shapes = shapes;
    }

    /** The architecture of a checkpoint given as official key → shape, with {@code heads} heads per block. */
    public static MetroArchitecture infer(Map<String, int[]> shapes, int heads) {
        return new ArchitectureInference(shapes).infer(heads);
    }

    /** Only the backbone part of {@code shapes} ({@code backbone.*} keys). */
    static BackboneSpec backbone(Map<String, int[]> shapes, boolean pooled) {
        return new ArchitectureInference(shapes).inferBackbone(pooled);
    }

    private MetroArchitecture infer(int heads) {
        MeshKind kind = has("conv_learn_tokens.weight") ? MeshKind.BODY : MeshKind.HAND;
        require("cam_param_fc2.weight");
        require("upsampling.weight");
        BackboneSpec backbone = inferBackbone(kind == MeshKind.HAND);
        List<BlockSpec> blocks = inferBlocks(heads);
        return new MetroArchitecture(kind, backbone, blocks, inferTokens(kind));
    }

    private TokenLayout inferTokens(MeshKind kind) {
        int[] cam2 = shape("cam_param_fc2.weight");
        int[] up = shape("upsampling.weight");
        int coarse = up[1];
        if (kind == MeshKind.BODY) {
            int tokens = shape("conv_learn_tokens.weight")[0];
            int[] up2 = shape("upsampling2.weight");
            if (cam2[1] != coarse || up2[1] != up[0]) {
                throw new IllegalArgumentException("body heads disagree: cam_param_fc2 " + Arrays.toString(cam2)
                        + ", upsampling " + Arrays.toString(up) + ", upsampling2 " + Arrays.toString(up2));
            }
            return new TokenLayout(tokens - coarse, coarse, up[0], up2[0], cam2[0]);
        }
        int tokens = cam2[1];
        return new TokenLayout(tokens - coarse, coarse, 0, up[0], cam2[0]);
    }

    private List<BlockSpec> inferBlocks(int heads) {
        List<BlockSpec> blocks = new ArrayList<>();
        for (int b = 0; has("trans_encoder." + b + ".bert.img_embedding.weight"); b++) {
            String p = "trans_encoder." + b + ".";
            int[] embedding = shape(p + "bert.img_embedding.weight");
            int[] head = shape(p + "cls_head.weight");
            int layers = count(i -> p + "bert.encoder.layer." + i + ".attention.self.query.weight");
            int[] ffn = shape(p + "bert.encoder.layer.0.intermediate.dense.weight");
            int[] positions = shape(p + "bert.position_embeddings.weight");
            blocks.add(new BlockSpec(embedding[1], embedding[0], head[0], layers, heads, ffn[0], positions[0]));
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no transformer blocks (trans_encoder.0.bert.img_embedding.weight)");
        }
        return blocks;
    }

    private BackboneSpec inferBackbone(boolean pooled) {
        if (has("backbone.0.weight") && has("backbone.4.0.conv1.weight")) {
            return inferResNet(pooled);
        }
        require("backbone.conv1.weight");
        require("backbone.transition1.0.0.weight");
        int stem = shape("backbone.conv1.weight")[0];
        List<HrNetStage> stages = new ArrayList<>();
        int layer1Blocks = count(i -> "backbone.layer1." + i + ".conv1.weight");
        stages.add(new HrNetStage(1, blockType("backbone.layer1.0."), new int[] {layer1Blocks},
                new int[] {shape("backbone.layer1.0.conv1.weight")[0]}));
        for (int k = 2; k <= 4; k++) {
            String s = "backbone.stage" + k + ".";
            int modules = count(m -> s + m + ".branches.0.0.conv1.weight");
            int branches = count(b -> s + "0.branches." + b + ".0.conv1.weight");
            if (modules == 0 || branches == 0) {
                throw new IllegalArgumentException("HRNet stage " + k + " missing (" + s + "0.branches.0.0.conv1.weight)");
            }
            int[] blocks = new int[branches];
            int[] channels = new int[branches];
            for (int b = 0; b < branches; b++) {
                String branch = s + "0.branches." + b + ".";
                blocks[b] = count(n -> branch + n + ".conv1.weight");
                channels[b] = shape(branch + "0.conv1.weight")[0];
            }
            stages.add(new HrNetStage(modules, blockType(s + "0.branches.0.0."), blocks, channels));
        }
        int heads = count(i -> "backbone.incre_modules." + i + ".0.conv1.weight");
        int[] headChannels = new int[heads];
        for (int i = 0; i < heads; i++) {
            headChannels[i] = shape("backbone.incre_modules." + i + ".0.conv1.weight")[0];
        }
        int features = shape("backbone.final_layer.0.weight")[0];
        return new HrNetSpec(stem, stages, headChannels, features, pooled);
    }

    /** torchvision ResNet inside {@code nn.Sequential}: layer1…layer4 are children 4…7. */
    private ResNetSpec inferResNet(boolean pooled) {
        int[] blocks = new int[4];
        int[] planes = new int[4];
        for (int l = 0; l < 4; l++) {
            String layer = "backbone." + (4 + l) + ".";
            blocks[l] = count(n -> layer + n + ".conv1.weight");
            planes[l] = shape(layer + "0.conv1.weight")[0];
        }
        return new ResNetSpec(shape("backbone.0.weight")[0], blockType("backbone.4.0."), blocks, planes, pooled);
    }

    private ResidualBlockType blockType(String prefix) {
        return has(prefix + "conv3.weight") ? ResidualBlockType.BOTTLENECK : ResidualBlockType.BASIC;
    }

    private int count(java.util.function.IntFunction<String> key) {
        int n = 0;
        while (has(key.apply(n))) {
            n++;
        }
        return n;
    }

    private boolean has(String key) {
        return shapes.containsKey(key);
    }

    private void require(String key) {
        if (!has(key)) {
            throw new IllegalArgumentException("not a METRO checkpoint: no '" + key + "'");
        }
    }

    private int[] shape(String key) {
        require(key);
        return shapes.get(key);
    }
}
