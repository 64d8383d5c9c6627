package io.metroscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metroscope.format.TorchCheckpointReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfficialKeyOrderTest {

    @ParameterizedTest
    @ValueSource(strings = {"metro-body-keys.tsv", "metro-hand-keys.tsv"})
    void sortsTheFullSizeKeyListsIntoTheirOfficialOrder(String name) throws Exception {
        Path tsv = ParityFixture.shared().resolve("docs").resolve(name);
        assumeTrue(Files.isRegularFile(tsv), "key list " + tsv + " not available");
        List<String> official = Files.readAllLines(tsv).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t")[0]).toList();
        assertThat(official).hasSizeGreaterThan(2000);
        List<String> shuffled = new ArrayList<>(official);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(OfficialKeyOrder.sort(shuffled)).containsExactlyElementsOf(official);
    }

    @ParameterizedTest
    @ValueSource(strings = {"body-tiny", "hand-tiny"})
    void sortsTheFixtureCheckpointsIntoTheirOrder(String name, @TempDir Path temp) throws Exception {
        ParityFixture f = ParityFixture.open(name, "metro_" + name + "_state_dict.bin", temp);
        List<String> official = TorchCheckpointReader.read(f.checkpoint).keys();
        List<String> reversed = new ArrayList<>(official);
        Collections.reverse(reversed);
        assertThat(OfficialKeyOrder.sort(reversed)).containsExactlyElementsOf(official);
    }

    @Test
    void unknownNamesFollowTheKnownOnesInOrderOfAppearance() {
        assertThat(OfficialKeyOrder.sort(List.of("zeta.weight", "alpha.bias", "backbone.fc.bias", "alpha.weight",
                "backbone.10.weight", "backbone.9.weight")))
                .containsExactly("backbone.9.weight", "backbone.10.weight", "backbone.fc.bias", "zeta.weight",
                        "alpha.weight", "alpha.bias");
    }
}
