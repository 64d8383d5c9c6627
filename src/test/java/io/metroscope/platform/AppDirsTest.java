package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    private final Path home = Path.of("/home/ada");

    @Test
    void linuxFollowsXdgVariables() {
        AppDirs d = AppDirs.resolve(Map.of("XDG_CONFIG_HOME", "/c", "XDG_CACHE_HOME", "/k", "XDG_STATE_HOME", "/s"),
                "Linux", home);
        assertThat(d.config()).isEqualTo(Path.of("/c/metroscope"));
        assertThat(d.cache()).isEqualTo(Path.of("/k/metroscope"));
        assertThat(d.state()).isEqualTo(Path.of("/s/metroscope"));
        assertThat(d.logs()).isEqualTo(Path.of("/s/metroscope/logs"));
        assertThat(d.djlCache().startsWith(d.cache())).isTrue();
        assertThat(d.javafxCache().startsWith(d.cache())).isTrue();
    }

    @Test
    void linuxDefaultsUnderHomeAndIgnoresRelativeXdgPaths() {
        AppDirs d = AppDirs.resolve(Map.of("XDG_CONFIG_HOME", "relative/dir"), "Linux", home);
        assertThat(d.config()).isEqualTo(Path.of("/home/ada/.config/metroscope"));
        assertThat(d.cache()).isEqualTo(Path.of("/home/ada/.cache/metroscope"));
        assertThat(d.state()).isEqualTo(Path.of("/home/ada/.local/state/metroscope"));
    }

    @Test
    void macAndWindowsUseTheirConventions() {
        assertThat(AppDirs.resolve(Map.of(), "Mac OS X", home).config())
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Metroscope"));
        AppDirs w = AppDirs.resolve(Map.of("APPDATA", "/r", "LOCALAPPDATA", "/l"), "Windows 11", home);
        assertThat(w.config()).isEqualTo(Path.of("/r/Metroscope"));
        assertThat(w.cache()).isEqualTo(Path.of("/l/Metroscope/Cache"));
    }
}
