package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.FormatException;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.OfficialPreprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficialImageInputsTest {

    private static final Path SAMPLES = Path.of("assets/samples");

    @TempDir
    Path dir;

    private List<Path> samples() throws IOException {
        try (var s = Files.list(SAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    @Test
    void aParallelReadKeepsTheInputOrderAndEqualsOneByOneLoading() throws Exception {
        List<Path> images = new ArrayList<>(samples());
        images.addAll(samples()); // repeats: more items than cores, order must still hold
        InputBatch batch = OfficialImageInputs.officialParity().read(images);
        OfficialPreprocessing one = new OfficialPreprocessing(DecodeOptions.officialParity());
        assertThat(batch.items()).extracting(InputItem::source).containsExactlyElementsOf(
                images.stream().map(Path::toString).toList());
        for (int i = 0; i < images.size(); i++) {
            assertThat(batch.tensor(i, i + 1)).containsExactly(one.load(images.get(i)).input());
            assertThat(batch.items().get(i).crop()).isEqualTo(one.load(images.get(i)).cropToImage());
        }
    }

    @Test
    void theFirstBadFileInInputOrderIsReported() throws Exception {
        Path broken = Files.write(dir.resolve("a-broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2});
        Path empty = Files.write(dir.resolve("b-empty.png"), new byte[0]);
        List<Path> images = new ArrayList<>(samples());
        images.add(1, broken);
        images.add(empty);
        assertThatThrownBy(() -> OfficialImageInputs.officialParity().read(images))
                .isInstanceOf(FormatException.class).hasMessageContaining("a-broken.png");
    }
}
