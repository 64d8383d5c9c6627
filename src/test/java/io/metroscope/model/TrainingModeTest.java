package io.metroscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.metroscope.bench.RandomMetroWeights;
import io.metroscope.format.TorchTensor;
import io.metroscope.train.TinyArchitectures;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The explicit training mode: same numbers as the folded inference path in eval mode, PyTorch BatchNorm, gradients. */
class TrainingModeTest {

    @Test
    void batchNormUsesBatchStatisticsAndPyTorchMomentum() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            TrainingMode mode = new TrainingMode();
            NDArray mean = m.zeros(new Shape(2));
            NDArray var = m.ones(new Shape(2));
            ConvBn unit = new ConvBn(null, null, 1, 0, false, new ConvBn.Unfolded(
                    m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2, 1, 1)), null, m.ones(new Shape(2)),
                    m.zeros(new Shape(2)), mean, var, mode));
            // channel 0 values {1,3,5,7}: mean 4, biased var 5, unbiased 20/3; channel 1 all 2: mean 2, var 0
            NDArray x = m.create(new float[] {1, 3, 2, 2, 5, 7, 2, 2}, new Shape(2, 2, 1, 2));
            float[] y = unit.forward(x).toFloatArray();
            assertThat(y[0]).isCloseTo((float) (-3 / Math.sqrt(5 + 1e-5)), org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(mean.toFloatArray()).containsExactly(new float[] {0.4f, 0.2f},
                    org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(var.toFloatArray()).containsExactly(new float[] {0.9f + 0.1f * 20 / 3f, 0.9f},
                    org.assertj.core.data.Offset.offset(1e-5f));
            float before = mean.toFloatArray()[0];
            mode.setTraining(false);
            float[] eval = unit.forward(x).toFloatArray();
            assertThat(eval[0]).isCloseTo((float) ((1 - 0.4) / Math.sqrt(0.9f + 0.1f * 20 / 3f + 1e-5)),
                    org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(mean.toFloatArray()[0]).isEqualTo(before); // eval leaves the running stats alone
        }
    }

    @Test
    void handEvalModeMatchesTheFoldedInferenceNetwork() {
        MetroArchitecture arch = TinyArchitectures.hand();
        Map<String, TorchTensor> tensors = RandomMetroWeights.tensors(arch, 6, false);
        float[] template = RandomMetroWeights.template(arch, 6);
        float[] images = new float[3 * 224 * 224];
        Random r = new Random(2);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
        MetroLoadOptions options = new MetroLoadOptions(2, false, ai.djl.Device.cpu());
        try (MetroModel inference = MetroModel.fromTensors(tensors, template, options);
                MetroModel training = MetroModel.fromTensors(tensors, template, options.forTraining())) {
            assertThat(training.trainable()).isTrue();
            float[] expected = inference.predict(images, 1, 224, 224, false).get(0).vertices();
            training.setTraining(false);
            try (NDManager step = training.newSubManager()) {
                MeshPrediction p = training.forward(step.create(images, new Shape(1, 3, 224, 224)), null);
                assertThat(p.mid()).isNull();
                assertThat(ParityCheck.maxAbs(p.full().toFloatArray(), expected, 0)).isLessThan(1e-4);
            }
        }
    }

    @Test
    void evalModeMatchesTheFoldedInferenceNetworkAndGradientsFlow() {
        MetroArchitecture arch = TinyArchitectures.body();
        Map<String, TorchTensor> tensors = RandomMetroWeights.tensors(arch, 5, false);
        float[] template = RandomMetroWeights.template(arch, 5);
        float[] images = new float[2 * 3 * 224 * 224];
        Random r = new Random(1);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
        MetroLoadOptions options = new MetroLoadOptions(2, false, ai.djl.Device.cpu());
        try (MetroModel inference = MetroModel.fromTensors(tensors, template, options);
                MetroModel training = MetroModel.forTraining(arch, tensors, template, options.forTraining())) {
            assertThat(training.trainable()).isTrue();
            assertThat(inference.trainable()).isFalse();
            List<MetroOutput> expected = inference.predict(images, 2, 224, 224, false);
            training.setTraining(false);
            try (NDManager step = training.newSubManager()) {
                MeshPrediction p = training.forward(step.create(images, new Shape(2, 3, 224, 224)), null);
                float[] full = p.full().toFloatArray();
                float[] ref = new float[full.length];
                System.arraycopy(expected.get(0).vertices(), 0, ref, 0, full.length / 2);
                System.arraycopy(expected.get(1).vertices(), 0, ref, full.length / 2, full.length / 2);
                assertThat(ParityCheck.maxAbs(full, ref, 0)).isLessThan(1e-4);
            }
            training.setTraining(true);
            Map<String, NDArray> params = training.trainableParameters();
            assertThat(params).containsKeys("backbone.0.weight", "conv_learn_tokens.weight",
                    "trans_encoder.0.bert.encoder.layer.0.attention.self.query.weight", "upsampling2.weight");
            assertThat(params.keySet()).noneMatch(k -> k.contains("running"));
            try (NDManager step = training.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                MeshPrediction p = training.forward(step.create(images, new Shape(2, 3, 224, 224)), null);
                collector.backward(p.full().square().mean().add(p.camera().sum()));
                for (String key : List.of("backbone.0.weight", "backbone.1.weight", "conv_learn_tokens.weight",
                        "trans_encoder.0.bert.encoder.layer.0.attention.self.query.weight", "cam_param_fc.weight")) {
                    NDArray g = params.get(key).getGradient();
                    assertThat(g.abs().sum().getFloat()).as(key).isGreaterThan(0f);
                }
            }
        }
    }
}
