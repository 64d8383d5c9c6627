package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code METRO_Hand_Network} after the backbone: the pooled global feature is copied to every token, the camera
 * sees all tokens (joints and vertices), one learned upsampling coarse → full.
 */
record HandHead(TokenLayout layout, MetroEncoder encoder, LinearLayer cam1, LinearLayer cam2, LinearLayer cam3,
        LinearLayer upsampleFull) implements MeshHead {

    static HandHead bind(WeightBinder w, MetroArchitecture arch) {
        TokenLayout t = arch.tokens();
        return new HandHead(t, MetroEncoder.bind(w, arch.blocks()),
                LinearLayer.bind(w, "camera.fc1", "cam_param_fc", 3, 1),
                LinearLayer.bind(w, "camera.fc2", "cam_param_fc2", t.tokens(), t.cameraHidden()),
                LinearLayer.bind(w, "camera.fc3", "cam_param_fc3", t.cameraHidden(), 3),
                LinearLayer.bind(w, "upsample.full", "upsampling", t.coarseVertices(), t.fullVertices()));
    }

    @Override
    public MeshPrediction forward(NDArray backboneOut, NDArray template, boolean keepAttention, StageClock clock,
            java.util.function.UnaryOperator<NDArray> tokenHook) {
        long batch = backboneOut.getShape().get(0);
        long channels = backboneOut.getShape().get(1);
        NDArray global = backboneOut.reshape(batch, 1, channels).broadcast(new Shape(batch, layout.tokens(), channels));
        BertLayer.Result r = encoder.forward(MeshHead.hooked(MeshHead.concatTemplate(template, global), tokenHook),
                keepAttention);
        clock.mark("transformer");
        NDArray[] parts = MeshHead.splitTokens(r.hidden(), layout.joints());
        NDArray camera = MeshHead.camera(r.hidden(), cam1, cam2, cam3);
        NDArray full = MeshHead.upsample(upsampleFull, parts[1]);
        clock.mark("heads");
        return new MeshPrediction(camera, parts[0], parts[1], null, full, r.attention());
    }
}
