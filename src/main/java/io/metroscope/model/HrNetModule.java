package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

import java.util.ArrayList;
import java.util.List;

/**
 * One HighResolutionModule: a residual branch per resolution, then every output i sums all branches brought
 * to resolution i (1×1 conv + nearest upsampling from coarser ones, strided 3×3 convs from finer ones) and
 * applies ReLU. All outputs are kept (classification nets use multi-scale output everywhere).
 */
record HrNetModule(List<List<ResidualBlock>> branches, List<List<List<ConvBn>>> fuse) {

    /** Binds {@code <official>.branches.*} and {@code <official>.fuse_layers.*}; {@code in} = input widths. */
    static HrNetModule bind(WeightBinder w, String ours, String official, HrNetStage stage, int[] in) {
        int[] widths = stage.channels();
        int[] blocks = stage.blocksPerBranch();
        int expansion = stage.block().expansion();
        List<List<ResidualBlock>> branches = new ArrayList<>();
        for (int b = 0; b < widths.length; b++) {
            branches.add(ResidualBlock.bindLayer(w, ours + ".branch." + b, official + ".branches." + b,
                    stage.block(), in[b], widths[b], blocks[b]));
        }
        List<List<List<ConvBn>>> fuse = new ArrayList<>();
        if (widths.length > 1) {
            for (int i = 0; i < widths.length; i++) {
                List<List<ConvBn>> row = new ArrayList<>();
                for (int j = 0; j < widths.length; j++) {
                    row.add(bindFuse(w, ours + ".fuse." + i + "." + j, official + ".fuse_layers." + i + "." + j,
                            widths[j] * expansion, widths[i] * expansion, i, j));
                }
                fuse.add(row);
            }
        }
        return new HrNetModule(branches, fuse);
    }

    private static List<ConvBn> bindFuse(WeightBinder w, String ours, String official, int from, int to, int i,
            int j) {
        List<ConvBn> path = new ArrayList<>();
        if (j > i) {
            path.add(ConvBn.bind(w, ours + ".0", official + ".0", official + ".1", from, to, 1, 1, false, false));
        } else if (j < i) {
            for (int k = 0; k < i - j; k++) {
                boolean last = k == i - j - 1;
                path.add(ConvBn.bind(w, ours + "." + k, official + "." + k + ".0", official + "." + k + ".1", from,
                        last ? to : from, 3, 2, false, !last));
            }
        }
        return path;
    }

    List<NDArray> forward(List<NDArray> inputs) {
        List<NDArray> x = new ArrayList<>();
        for (int b = 0; b < branches.size(); b++) {
            x.add(ResidualBlock.forwardAll(branches.get(b), inputs.get(b)));
        }
        if (fuse.isEmpty()) {
            return x;
        }
        List<NDArray> outputs = new ArrayList<>();
        for (int i = 0; i < fuse.size(); i++) {
            NDArray y = null;
            for (int j = 0; j < x.size(); j++) {
                NDArray term = fused(x.get(j), fuse.get(i).get(j), j - i);
                y = y == null ? term : y.add(term);
            }
            outputs.add(Activation.relu(y));
        }
        return outputs;
    }

    private static NDArray fused(NDArray x, List<ConvBn> path, int levelsCoarser) {
        NDArray y = x;
        for (ConvBn unit : path) {
            y = unit.forward(y);
        }
        if (levelsCoarser > 0) {
            // Nearest upsampling by an integer factor repeats every pixel along H and W.
            long factor = 1L << levelsCoarser;
            y = y.repeat(2, factor).repeat(3, factor);
        }
        return y;
    }
}
