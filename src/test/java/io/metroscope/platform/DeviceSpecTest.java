package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceSpecTest {

    @Test
    void parsesEveryForm() {
        assertThat(DeviceSpec.parse("auto")).isEqualTo(DeviceSpec.AUTO);
        assertThat(DeviceSpec.parse(" CPU ")).isEqualTo(DeviceSpec.CPU);
        assertThat(DeviceSpec.parse("gpu")).isEqualTo(DeviceSpec.gpu(0));
        assertThat(DeviceSpec.parse("gpu:2")).isEqualTo(DeviceSpec.gpu(2));
        assertThat(DeviceSpec.parse("cuda:1")).isEqualTo(DeviceSpec.gpu(1));
    }

    @Test
    void printsWhatItParses() {
        for (String s : new String[] {"auto", "cpu", "gpu:0", "gpu:3"}) {
            assertThat(DeviceSpec.parse(s).toString()).isEqualTo(s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tpu", "gpu:", "gpu:-1", "gpu:x", "gpu0"})
    void rejectsNonsenseWithTheAcceptedForms(String text) {
        assertThatThrownBy(() -> DeviceSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, cpu, gpu or gpu:N");
    }
}
