package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * HRNet's (= torchvision's) BasicBlock (3×3, 3×3) or Bottleneck (1×1, 3×3, 1×1 ×4) with identity or 1×1
 * projection shortcut, then ReLU. {@code third} is null for the basic block, {@code shortcut} null for identity.
 */
record ResidualBlock(ConvBn first, ConvBn second, ConvBn third, ConvBn shortcut) {

    /**
     * Binds {@code <official>.conv1/bn1…} for a block with {@code in} input channels and {@code planes} inner
     * width; the stride sits on the 3×3 convolution, as in both codebases.
     */
    static ResidualBlock bind(WeightBinder w, String ours, String official, ResidualBlockType type, int in,
            int planes, int stride) {
        int out = planes * type.expansion();
        ConvBn shortcut = stride != 1 || in != out
                ? ConvBn.bind(w, ours + ".shortcut", official + ".downsample.0", official + ".downsample.1", in, out,
                        1, stride, false, false)
                : null;
        if (type == ResidualBlockType.BASIC) {
            return new ResidualBlock(
                    ConvBn.bind(w, ours + ".a", official + ".conv1", official + ".bn1", in, planes, 3, stride, false, true),
                    ConvBn.bind(w, ours + ".b", official + ".conv2", official + ".bn2", planes, planes, 3, 1, false, false),
                    null, shortcut);
        }
        return new ResidualBlock(
                ConvBn.bind(w, ours + ".a", official + ".conv1", official + ".bn1", in, planes, 1, 1, false, true),
                ConvBn.bind(w, ours + ".b", official + ".conv2", official + ".bn2", planes, planes, 3, stride, false, true),
                ConvBn.bind(w, ours + ".c", official + ".conv3", official + ".bn3", planes, out, 1, 1, false, false),
                shortcut);
    }

    NDArray forward(NDArray x) {
        NDArray y = second.forward(first.forward(x));
        if (third != null) {
            y = third.forward(y);
        }
        NDArray identity = shortcut == null ? x : shortcut.forward(x);
        return Activation.relu(y.addi(identity));
    }

    /** A sequence of blocks as {@code _make_layer} builds it: the first may project, the rest keep the width. */
    static java.util.List<ResidualBlock> bindLayer(WeightBinder w, String ours, String official,
            ResidualBlockType type, int in, int planes, int blocks) {
        java.util.List<ResidualBlock> layer = new java.util.ArrayList<>();
        int width = in;
        for (int i = 0; i < blocks; i++) {
            layer.add(bind(w, ours + "." + i, official + "." + i, type, width, planes, 1));
            width = planes * type.expansion();
        }
        return layer;
    }

    static NDArray forwardAll(java.util.List<ResidualBlock> layer, NDArray x) {
        NDArray y = x;
        for (ResidualBlock block : layer) {
            y = block.forward(y);
        }
        return y;
    }
}
