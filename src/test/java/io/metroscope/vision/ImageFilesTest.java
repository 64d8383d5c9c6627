package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path temp;

    @Test
    void imagesAreTheFormatsTheDecoderReadsInAnyCase() {
        assertThat(ImageFiles.isImage(Path.of("x", "a.JPG"))).isTrue();
        assertThat(ImageFiles.isImage(Path.of("a.tiff"))).isTrue();
        assertThat(ImageFiles.isImage(Path.of("a.webp"))).isTrue();
        assertThat(ImageFiles.isImage(Path.of("a.gif"))).as("OpenCV has no GIF decoder").isFalse();
        assertThat(ImageFiles.isImage(Path.of(".png"))).as("a hidden file named only by its extension").isFalse();
        assertThat(ImageFiles.isImage(Path.of("png"))).isFalse();
        assertThat(ImageFiles.isImage(Path.of("/"))).isFalse();
    }

    @Test
    void aFolderListsItsImageFilesByName() throws Exception {
        Files.writeString(temp.resolve("b.png"), "");
        Files.writeString(temp.resolve("a.jpg"), "");
        Files.writeString(temp.resolve("c.txt"), "");
        Files.createDirectories(temp.resolve("d.png"));
        assertThat(ImageFiles.in(temp)).containsExactly(temp.resolve("a.jpg"), temp.resolve("b.png"));
        assertThat(ImageFiles.in(temp.resolve("d.png"))).isEmpty();
        assertThatThrownBy(() -> ImageFiles.in(temp.resolve("a.jpg"))).isInstanceOf(FormatException.class)
                .hasMessageContaining("a.jpg").hasMessageContaining("not a folder");
        assertThat(ImageFiles.nonEmptyIn(temp, "fix")).hasSize(2);
        assertThatThrownBy(() -> ImageFiles.nonEmptyIn(temp.resolve("d.png"), "choose frames"))
                .isInstanceOf(FormatException.class).hasMessageContaining("the folder holds no images (.png, .jpg")
                .hasMessageContaining("choose frames");
    }
}
