package io.metroscope.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaults() {
        assertThat(new SettingsStore(dir).load()).isEqualTo(Settings.defaults());
    }

    @Test
    void roundTripsEveryField() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        Settings s = Settings.defaults().withTheme(Theme.DARK).withDevice("gpu:1")
                .withWindow(new WindowGeometry(10, 20, 900, 700, true)).withRecentFile("/data/a.png")
                .withSmplModel("/models/SMPL_NEUTRAL.pkl").withManoModel("/models/MANO_RIGHT.npz");
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
        assertThat(Files.list(store.file().getParent())).containsExactly(store.file());
    }

    @Test
    void defaultGeometryWithoutPositionSurvivesJson() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.save(Settings.defaults());
        assertThat(store.load().window().hasPosition()).isFalse();
    }

    @Test
    void corruptFileIsKeptAsideAndDefaultsUsed() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{ not json");
        assertThat(store.load()).isEqualTo(Settings.defaults());
        assertThat(dir.resolve("settings.json.corrupt")).hasContent("{ not json");
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{\"version\":2,\"theme\":\"DARK\",\"futureField\":[1,2]}");
        assertThat(store.load().theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void recentFilesAreMostRecentFirstWithoutDuplicatesAndBounded() {
        Settings s = Settings.defaults();
        for (int i = 0; i < 15; i++) {
            s = s.withRecentFile("/f" + i);
        }
        s = s.withRecentFile("/f10");
        assertThat(s.recentFiles()).hasSize(Settings.MAX_RECENT).startsWith("/f10", "/f14", "/f13")
                .doesNotHaveDuplicates();
        assertThat(s.withoutRecentFile("/f10").recentFiles()).doesNotContain("/f10");
        assertThat(s.withRecentCleared().recentFiles()).isEmpty();
    }

    @Test
    void aFileFromBeforeTheBodyModelPathsLoadsWithThemUnset() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        // exactly what a build without smplModel/manoModel wrote
        Files.writeString(store.file(), """
                {
                  "version" : 1,
                  "theme" : "DARK",
                  "device" : "cpu",
                  "window" : { "x" : 5.0, "y" : 6.0, "width" : 1000.0, "height" : 700.0, "maximized" : false },
                  "recentFiles" : [ "/data/b.png" ]
                }
                """);
        Settings s = store.load();
        assertThat(s.theme()).isEqualTo(Theme.DARK);
        assertThat(s.device()).isEqualTo("cpu");
        assertThat(s.recentFiles()).containsExactly("/data/b.png");
        assertThat(s.smplModel()).isNull();
        assertThat(s.manoModel()).isNull();
    }

    @Test
    void bodyModelPathsAreSetAndClearedIndependently() throws Exception {
        Settings s = Settings.defaults().withSmplModel("/m/smpl.pkl").withManoModel("/m/mano.pkl");
        assertThat(s.withSmplModel(null).smplModel()).isNull();
        assertThat(s.withSmplModel(null).manoModel()).isEqualTo("/m/mano.pkl");
        assertThat(s.withManoModel(" ").manoModel()).as("blank means not set").isNull();
        assertThat(s.withRecentFile("/x").withTheme(Theme.DARK).smplModel()).as("other changes keep them")
                .isEqualTo("/m/smpl.pkl");
        SettingsStore store = new SettingsStore(dir);
        store.save(s.withSmplModel(null));
        assertThat(Files.readString(store.file())).contains("\"manoModel\" : \"/m/mano.pkl\"");
        assertThat(store.load()).isEqualTo(s.withSmplModel(null));
    }
}
