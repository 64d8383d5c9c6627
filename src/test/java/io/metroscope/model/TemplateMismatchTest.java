package io.metroscope.model;

import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A template whose token count differs from the checkpoint's network is refused before any weight is copied. */
class TemplateMismatchTest {

    @Test
    void wrongTokenCountIsRefusedNamingBoth() throws Exception {
        StateDict dict = TorchCheckpointReader.read(
                ParityFixture.caseDir("hand-tiny").resolve("metro_hand-tiny_state_dict.bin.gz"));

        assertThatThrownBy(() -> MetroModel.fromTensors(dict.tensors(), new float[445 * 3], MetroLoadOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("445 tokens").hasMessageContaining("216 tokens")
                .hasMessageContaining("21 joints + 195 coarse vertices");
        assertThatThrownBy(() -> MetroModel.fromTensors(dict.tensors(), new float[100], MetroLoadOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100 values").hasMessageContaining("216 tokens");
    }
}
