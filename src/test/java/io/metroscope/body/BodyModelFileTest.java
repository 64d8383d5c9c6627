package io.metroscope.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking a chosen SMPL/MANO file before its path is kept: good files pass, wrong ones name the file and fix. */
class BodyModelFileTest {

    @TempDir
    Path dir;

    @Test
    void validFilesAreDescribed() throws Exception {
        Path smpl = SyntheticModelFiles.writeSmpl(dir.resolve("SMPL_NEUTRAL.npz"));
        Path mano = SyntheticModelFiles.writeMano(dir.resolve("MANO_RIGHT.npz"));
        assertThat(BodyModelFile.SMPL.check(smpl)).isEqualTo("SMPL model: 6890 vertices, 24 joints, 10 shape"
                + " coefficients");
        assertThat(BodyModelFile.MANO.check(mano)).isEqualTo("MANO model: 778 vertices, 16 joints, 10 shape"
                + " coefficients");
    }

    @Test
    void aModelOfTheOtherKindIsRefusedByItsVertexCount() throws Exception {
        Path smpl = SyntheticModelFiles.writeSmpl(dir.resolve("smpl.npz"));
        Path mano = SyntheticModelFiles.writeMano(dir.resolve("mano.npz"));
        assertThatThrownBy(() -> BodyModelFile.SMPL.check(mano)).isInstanceOf(FormatException.class)
                .hasMessageContaining("mano.npz").hasMessageContaining("778 vertices")
                .hasMessageContaining("SMPL_NEUTRAL.pkl");
        assertThatThrownBy(() -> BodyModelFile.MANO.check(smpl)).isInstanceOf(FormatException.class)
                .hasMessageContaining("smpl.npz").hasMessageContaining("6890").hasMessageContaining("MANO_RIGHT.pkl");
    }

    @Test
    void foreignAndTruncatedFilesAreRefusedWithTheirName() throws Exception {
        // a protocol-2 pickle of the list [1, 2]: valid pickle, not a model
        Path list = Files.write(dir.resolve("list.pkl"), new byte[] {(byte) 0x80, 2, ']', 'q', 0, '(', 'K', 1, 'K',
            2, 'e', '.'});
        assertThatThrownBy(() -> BodyModelFile.SMPL.check(list)).isInstanceOf(FormatException.class)
                .hasMessageContaining("list.pkl").hasMessageContaining("not a model dictionary");
        // a pickle that would run code when loaded by Python: refused, nothing executed
        Path evil = Files.writeString(dir.resolve("evil.pkl"), "cos\nsystem\n(S'echo hi'\ntR.");
        assertThatThrownBy(() -> BodyModelFile.MANO.check(evil)).isInstanceOf(FormatException.class)
                .hasMessageContaining("evil.pkl");
        byte[] whole = Files.readAllBytes(SyntheticModelFiles.writeMano(dir.resolve("whole.npz")));
        Path cut = Files.write(dir.resolve("cut.npz"), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> BodyModelFile.MANO.check(cut)).isInstanceOf(FormatException.class)
                .hasMessageContaining("cut.npz");
    }
}
