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
                .withWindow(new WindowGeometry(10, 20, 900, 700, true)).withRecentFile("/data/a.png");
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
}
