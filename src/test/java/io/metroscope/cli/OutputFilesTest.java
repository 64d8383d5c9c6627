package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

    @TempDir
    Path temp;

    @Test
    void theFolderOfAFileToWriteIsMadeFirst() throws Exception {
        Path file = temp.resolve("a").resolve("b").resolve("eval.json");
        assertThat(OutputFiles.prepare(file)).isEqualTo(file);
        assertThat(file.getParent()).isDirectory();
        assertThat(file).doesNotExist();
        assertThat(OutputFiles.prepare(null)).isNull();
    }

    @Test
    void aFolderOrAPlaceUnderAFileIsRefusedNamingIt() throws Exception {
        assertThatThrownBy(() -> OutputFiles.prepare(temp)).isInstanceOf(FormatException.class)
                .hasMessageContaining(temp.toString()).hasMessageContaining("it is a folder");
        Path plain = Files.writeString(temp.resolve("plain"), "x");
        assertThatThrownBy(() -> OutputFiles.prepare(plain.resolve("out.json"))).isInstanceOf(FormatException.class)
                .hasMessageContaining("its folder cannot be made");
    }
}
