package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.body.SyntheticModelFiles;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.settings.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --smpl}/{@code --mano} of train and eval fall back to the files set in the settings. */
class BodyModelOptionsTest {

    @TempDir
    static Path dir;

    static Path smpl;
    static Path mano;

    private final StringWriter notes = new StringWriter();

    @BeforeAll
    static void write() throws Exception {
        smpl = SyntheticModelFiles.writeSmpl(dir.resolve("smpl.npz"));
        mano = SyntheticModelFiles.writeMano(dir.resolve("mano.npz"));
    }

    private BodyModelOptions options(Settings configured) {
        BodyModelOptions o = new BodyModelOptions();
        o.settings = () -> configured;
        return o;
    }

    private BodyModelOptions.Models read(BodyModelOptions o, TemplateKind kind) throws FormatException {
        return o.forKind(kind, new PrintWriter(notes, true));
    }

    @Test
    void theConfiguredFileOfTheLabelsKindIsUsedWhenNoOptionIsGiven() throws Exception {
        Settings s = Settings.defaults().withSmplModel(smpl.toString()).withManoModel(mano.toString());
        BodyModelOptions.Models body = read(options(s), TemplateKind.BODY);
        assertThat(body.smpl().vertexCount()).isEqualTo(6890);
        assertThat(body.mano()).as("only the kind's model is read").isNull();
        BodyModelOptions.Models hand = read(options(s), TemplateKind.HAND);
        assertThat(hand.mano().skin().vertexCount()).isEqualTo(778);
        assertThat(hand.smpl()).isNull();
        assertThat(notes.toString()).contains("using the SMPL model set in the settings: " + smpl)
                .contains("using the MANO model set in the settings: " + mano);
    }

    @Test
    void anOptionWinsOverTheSettingsAndABadOneIsAnError() throws Exception {
        BodyModelOptions o = options(Settings.defaults().withManoModel(dir.resolve("gone.pkl").toString()));
        o.manoFile = mano;
        assertThat(read(o, TemplateKind.HAND).mano()).isNotNull();
        assertThat(notes.toString()).isEmpty();
        o.manoFile = smpl;
        assertThatThrownBy(() -> read(o, TemplateKind.HAND)).isInstanceOf(FormatException.class)
                .hasMessageContaining("smpl.npz");
    }

    @Test
    void aConfiguredFileThatCannotBeReadIsANoteAndJointsOnly() throws Exception {
        Path gone = dir.resolve("moved-away.pkl");
        BodyModelOptions.Models m = read(options(Settings.defaults().withSmplModel(gone.toString())), TemplateKind.BODY);
        assertThat(m).isEqualTo(BodyModelOptions.Models.NONE);
        assertThat(notes.toString()).contains("could not be read", "moved-away.pkl", "Body Model Files", "--smpl");
        assertThat(read(options(Settings.defaults()), TemplateKind.HAND)).isEqualTo(BodyModelOptions.Models.NONE);
    }

    @Test
    void trainAndEvalOfferBothOptions() {
        assertThat(CliRun.of("train", "--help").succeeded().out()).contains("--smpl", "--mano", "Body Model Files");
        assertThat(CliRun.of("eval", "--help").succeeded().out()).contains("--smpl", "--mano");
    }
}
