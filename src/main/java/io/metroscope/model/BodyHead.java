package io.metroscope.model;

import ai.djl.ndarray.NDArray;

/**
 * {@code METRO_Body_Network} after the backbone: {@code conv_learn_tokens} gives every token its own learned
 * mix of the 7×7 grid (row-major), camera from the coarse vertices only, upsampling coarse → mid → full.
 */
record BodyHead(TokenLayout layout, NDArray tokenWeight, NDArray tokenBias, MetroEncoder encoder, LinearLayer cam1,
        LinearLayer cam2, LinearLayer cam3, LinearLayer upsampleMid, LinearLayer upsampleFull) implements MeshHead {

    static BodyHead bind(WeightBinder w, MetroArchitecture arch, int gridCells) {
        TokenLayout t = arch.tokens();
        return new BodyHead(t,
                w.bind("tokens.weight", "conv_learn_tokens.weight", t.tokens(), gridCells, 1),
                w.bind("tokens.bias", "conv_learn_tokens.bias", t.tokens()),
                MetroEncoder.bind(w, arch.blocks()),
                LinearLayer.bind(w, "camera.fc1", "cam_param_fc", 3, 1),
                LinearLayer.bind(w, "camera.fc2", "cam_param_fc2", t.coarseVertices(), t.cameraHidden()),
                LinearLayer.bind(w, "camera.fc3", "cam_param_fc3", t.cameraHidden(), 3),
                LinearLayer.bind(w, "upsample.mid", "upsampling", t.coarseVertices(), t.midVertices()),
                LinearLayer.bind(w, "upsample.full", "upsampling2", t.midVertices(), t.fullVertices()));
    }

    @Override
    public MeshPrediction forward(NDArray backboneOut, NDArray template, boolean keepAttention, StageClock clock,
            java.util.function.UnaryOperator<NDArray> tokenHook) {
        long batch = backboneOut.getShape().get(0);
        long channels = backboneOut.getShape().get(1);
        long cells = tokenWeight.getShape().get(1);
        NDArray grid = backboneOut.reshape(batch, channels, cells).transpose(0, 2, 1);
        // Conv1d(kernel 1) over the grid axis is a (tokens × cells) matrix applied to every channel.
        NDArray weight = tokenWeight.reshape(tokenWeight.getShape().get(0), cells);
        NDArray imageTokens = weight.matMul(grid).add(tokenBias.reshape(-1, 1));
        BertLayer.Result r = encoder.forward(MeshHead.hooked(MeshHead.concatTemplate(template, imageTokens), tokenHook),
                keepAttention);
        clock.mark("transformer");
        NDArray[] parts = MeshHead.splitTokens(r.hidden(), layout.joints());
        NDArray coarse = parts[1];
        NDArray camera = MeshHead.camera(coarse, cam1, cam2, cam3);
        NDArray mid = MeshHead.upsample(upsampleMid, coarse);
        NDArray full = MeshHead.upsample(upsampleFull, mid);
        clock.mark("heads");
        return new MeshPrediction(camera, parts[0], coarse, mid, full, r.attention());
    }
}
