package io.metroscope.model;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HRNet classification network as METRO uses it ({@code hrnet_cls_net_featmaps} / {@code hrnet_cls_net}):
 * stem, stage 1 residual layer, three multi-resolution stages with transitions, then the classification head
 * (incre bottlenecks, strided merges, 1×1 to the feature width) giving (B, C, 7, 7) or its spatial mean (B, C).
 */
final class HrNetBackbone implements Backbone {

    private static final String P = "backbone.";
    /** The stem is hard-coded to 64 channels in the official class, whatever the config says. */
    private static final int STEM_INPUT = 3;

    private final HrNetSpec spec;
    private final ConvBn stem1;
    private final ConvBn stem2;
    private final List<ResidualBlock> layer1;
    private final List<List<List<ConvBn>>> transitions = new ArrayList<>();
    private final List<List<HrNetModule>> stages = new ArrayList<>();
    private final List<List<ResidualBlock>> increase = new ArrayList<>();
    private final List<ConvBn> merge = new ArrayList<>();
    private final ConvBn finalLayer;

    HrNetBackbone(WeightBinder w, HrNetSpec spec) {
        this.spec = spec;
        int stem = spec.stemChannels();
        stem1 = ConvBn.bind(w, "hrnet.stem1", P + "conv1", P + "bn1", STEM_INPUT, stem, 3, 2, false, true);
        stem2 = ConvBn.bind(w, "hrnet.stem2", P + "conv2", P + "bn2", stem, stem, 3, 2, false, true);
        HrNetStage first = spec.stages().get(0);
        layer1 = ResidualBlock.bindLayer(w, "hrnet.layer1", P + "layer1", first.block(), stem, first.channels()[0],
                first.blocksPerBranch()[0]);
        int[] previous = {first.channels()[0] * first.block().expansion()};
        for (int k = 1; k < 4; k++) {
            HrNetStage stage = spec.stages().get(k);
            int[] current = Arrays.stream(stage.channels()).map(c -> c * stage.block().expansion()).toArray();
            transitions.add(bindTransition(w, k, previous, current));
            List<HrNetModule> modules = new ArrayList<>();
            for (int m = 0; m < stage.modules(); m++) {
                modules.add(HrNetModule.bind(w, "hrnet.stage" + (k + 1) + "." + m, P + "stage" + (k + 1) + "." + m,
                        stage, current));
            }
            stages.add(modules);
            previous = current;
        }
        int[] head = spec.headChannels();
        int headExpansion = ResidualBlockType.BOTTLENECK.expansion();
        for (int i = 0; i < head.length; i++) {
            increase.add(ResidualBlock.bindLayer(w, "hrnet.increase." + i, P + "incre_modules." + i,
                    ResidualBlockType.BOTTLENECK, previous[i], head[i], 1));
        }
        for (int i = 0; i + 1 < head.length; i++) {
            merge.add(ConvBn.bind(w, "hrnet.merge." + i, P + "downsamp_modules." + i + ".0",
                    P + "downsamp_modules." + i + ".1", head[i] * headExpansion, head[i + 1] * headExpansion, 3, 2,
                    true, true));
        }
        finalLayer = ConvBn.bind(w, "hrnet.final", P + "final_layer.0", P + "final_layer.1",
                head[head.length - 1] * headExpansion, spec.featureDim(), 1, 1, true, true);
    }

    /** {@code transition<k>}: adapt existing branches whose width changes, derive each new one from the last. */
    private static List<List<ConvBn>> bindTransition(WeightBinder w, int k, int[] previous, int[] current) {
        String official = P + "transition" + k + ".";
        List<List<ConvBn>> paths = new ArrayList<>();
        for (int i = 0; i < current.length; i++) {
            List<ConvBn> path = new ArrayList<>();
            String ours = "hrnet.transition" + k + "." + i;
            if (i < previous.length) {
                if (current[i] != previous[i]) {
                    path.add(ConvBn.bind(w, ours, official + i + ".0", official + i + ".1", previous[i], current[i],
                            3, 1, false, true));
                }
            } else {
                int last = previous[previous.length - 1];
                int steps = i + 1 - previous.length;
                for (int j = 0; j < steps; j++) {
                    int out = j == steps - 1 ? current[i] : last;
                    path.add(ConvBn.bind(w, ours + "." + j, official + i + "." + j + ".0",
                            official + i + "." + j + ".1", last, out, 3, 2, false, true));
                }
            }
            paths.add(path);
        }
        return paths;
    }

    HrNetSpec spec() {
        return spec;
    }

    /** Normalised images (B, 3, H, W) → (B, C, H/32, W/32), or (B, C) for the pooled variant. */
    @Override
    public NDArray forward(NDArray images) {
        NDArray x = ResidualBlock.forwardAll(layer1, stem2.forward(stem1.forward(images)));
        List<NDArray> branches = List.of(x);
        for (int k = 0; k < 3; k++) {
            List<NDArray> inputs = new ArrayList<>();
            List<List<ConvBn>> transition = transitions.get(k);
            for (int i = 0; i < transition.size(); i++) {
                List<ConvBn> path = transition.get(i);
                // New branches start from the coarsest existing output; unchanged ones pass through.
                NDArray source = i < branches.size() ? branches.get(i) : branches.get(branches.size() - 1);
                if (path.isEmpty()) {
                    inputs.add(source);
                } else {
                    NDArray y = source;
                    for (ConvBn unit : path) {
                        y = unit.forward(y);
                    }
                    inputs.add(y);
                }
            }
            branches = inputs;
            for (HrNetModule module : stages.get(k)) {
                branches = module.forward(branches);
            }
        }
        NDArray y = ResidualBlock.forwardAll(increase.get(0), branches.get(0));
        for (int i = 0; i < merge.size(); i++) {
            y = ResidualBlock.forwardAll(increase.get(i + 1), branches.get(i + 1)).add(merge.get(i).forward(y));
        }
        y = finalLayer.forward(y);
        if (!spec.pooled()) {
            return y;
        }
        return Backbone.globalAverage(y);
    }
}
