package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

import java.util.ArrayList;
import java.util.List;

/**
 * torchvision ResNet as METRO wraps it in {@code nn.Sequential}: {@code backbone.0} conv1 (7×7 s2),
 * {@code backbone.1} bn1, ReLU, 3×3 s2 max-pool, {@code backbone.4…7} = layer1…layer4 (stride 1, 2, 2, 2).
 */
final class ResNetBackbone implements Backbone {

    private static final String P = "backbone.";
    private static final int FIRST_LAYER_CHILD = 4;

    private final ResNetSpec spec;
    private final ConvBn stem;
    private final List<List<ResidualBlock>> layers = new ArrayList<>();

    ResNetBackbone(WeightBinder w, ResNetSpec spec) {
        this.spec = spec;
        stem = ConvBn.bind(w, "resnet.stem", P + "0", P + "1", 3, spec.stemChannels(), 7, 2, false, true);
        int width = spec.stemChannels();
        for (int l = 0; l < 4; l++) {
            List<ResidualBlock> layer = new ArrayList<>();
            String official = P + (FIRST_LAYER_CHILD + l);
            for (int b = 0; b < spec.blocksPerLayer()[l]; b++) {
                int stride = l > 0 && b == 0 ? 2 : 1;
                layer.add(ResidualBlock.bind(w, "resnet.layer" + (l + 1) + "." + b, official + "." + b, spec.block(),
                        width, spec.planes()[l], stride));
                width = spec.planes()[l] * spec.block().expansion();
            }
            layers.add(layer);
        }
    }

    @Override
    public NDArray forward(NDArray images) {
        NDArray x = Pool.maxPool2d(stem.forward(images), new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        for (List<ResidualBlock> layer : layers) {
            x = ResidualBlock.forwardAll(layer, x);
        }
        return spec.pooled() ? Backbone.globalAverage(x) : x;
    }
}
