package io.metroscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputKindTest {

    @Test
    void classifiesByExtensionCaseInsensitively(@TempDir Path dir) {
        assertThat(InputKind.of(Path.of("a/photo.JPG"))).isEqualTo(InputKind.IMAGE);
        assertThat(InputKind.of(Path.of("b.png"))).isEqualTo(InputKind.IMAGE);
        assertThat(InputKind.of(Path.of("clip.mp4"))).isEqualTo(InputKind.VIDEO);
        assertThat(InputKind.of(Path.of("metro_h36m_state_dict.bin"))).isEqualTo(InputKind.CHECKPOINT);
        assertThat(InputKind.of(Path.of("model.pth"))).isEqualTo(InputKind.CHECKPOINT);
        assertThat(InputKind.of(Path.of("demo.metro.json"))).isEqualTo(InputKind.CHECKPOINT);
        assertThat(InputKind.of(Path.of("notes.txt"))).isEqualTo(InputKind.UNKNOWN);
        assertThat(InputKind.of(Path.of("anim.gif"))).as("no decoder reads it").isEqualTo(InputKind.UNKNOWN);
        assertThat(InputKind.of(Path.of("noext"))).isEqualTo(InputKind.UNKNOWN);
        assertThat(InputKind.of(dir)).isEqualTo(InputKind.FOLDER);
    }
}
