package io.metroscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.stage.FileChooser;
import org.junit.jupiter.api.Test;

class SaveDialogTest {

    private static final FileChooser.ExtensionFilter SVG = new FileChooser.ExtensionFilter("SVG", "*.svg");

    @Test
    void aNameWithoutExtensionGetsTheChosenTypes() {
        assertThat(SaveDialog.withExtension(Path.of("/tmp/figures/elbow"), SVG))
                .isEqualTo(Path.of("/tmp/figures/elbow.svg"));
    }

    @Test
    void aNameWithAnExtensionIsKeptEvenWhenItIsAnotherType() {
        assertThat(SaveDialog.withExtension(Path.of("/tmp/elbow.png"), SVG)).isEqualTo(Path.of("/tmp/elbow.png"));
        assertThat(SaveDialog.withExtension(Path.of("/tmp/run.v2.json"), SVG)).isEqualTo(Path.of("/tmp/run.v2.json"));
    }

    @Test
    void anAnyFileFilterAddsNothing() {
        FileChooser.ExtensionFilter all = new FileChooser.ExtensionFilter("All files", "*");
        assertThat(SaveDialog.withExtension(Path.of("/tmp/elbow"), all)).isEqualTo(Path.of("/tmp/elbow"));
    }

    @Test
    void filtersByPatternAreNamedByTheirExtension() {
        assertThat(SaveDialog.byPattern("*.png", "*.svg")).extracting(FileChooser.ExtensionFilter::getDescription)
                .containsExactly("PNG", "SVG");
        assertThat(SaveDialog.byPattern("*.png").get(0).getExtensions()).containsExactly("*.png");
    }
}
