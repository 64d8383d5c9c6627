package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipe files: fields override their preset; a bad file is refused naming the file, the problem and the fix. */
class RecipeFileTest {

    @TempDir
    Path dir;

    @Test
    void fieldsOverrideTheBasePreset() throws Exception {
        Path file = Files.writeString(dir.resolve("hand.json"),
                "{\"kind\": \"hand\", \"epochs\": 3, \"centreCamera\": true, \"mvm\": {\"jointPercent\": 0.1}}");
        Recipe r = Recipe.load(file.toString());
        assertThat(r.kind()).isEqualTo(MeshKind.HAND);
        assertThat(r.epochs()).isEqualTo(3);
        assertThat(r.centreCamera()).isTrue();
        assertThat(r.mvm().jointPercent()).isEqualTo(0.1);
        assertThat(r.mvm().vertexPercent()).as("the rest of mvm from official-hand").isZero();
        assertThat(Recipe.preset("official-hand").centreCamera()).as("METRO's start").isFalse();
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("typo.json"), "{\"base\": \"demo\", \"epoch\": 3}");
        assertThatThrownBy(() -> Recipe.load(file.toString())).isInstanceOf(FormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("unknown recipe field \"epoch\"")
                .hasMessageContaining("epochs").hasMessageContaining("centreCamera")
                .hasMessageNotContaining("com.fasterxml");
    }

    @Test
    void aBadValueOrBrokenJsonSaysWhat() throws Exception {
        Path zero = Files.writeString(dir.resolve("zero.json"), "{\"base\": \"demo\", \"epochs\": 0}");
        assertThatThrownBy(() -> Recipe.load(zero.toString())).isInstanceOf(FormatException.class)
                .hasMessageContaining(zero.toString()).hasMessageContaining("must be positive");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"base\": \"demo\", \"epochs\": ");
        assertThatThrownBy(() -> Recipe.load(broken.toString())).isInstanceOf(FormatException.class)
                .hasMessageContaining(broken.toString()).hasMessageContaining("not a valid recipe");
    }
}
