package io.metroscope.settings;

import java.util.Objects;
import java.util.function.UnaryOperator;

/** The settings where one owner holds them (the main window): read the current ones, or change and save them. */
public interface SettingsAccess {

    /** The settings as they stand now. */
    Settings current();

    /** Applies {@code change} to the current settings and saves the result. */
    void update(UnaryOperator<Settings> change);

    /** Settings held in memory only, for a part shown without the main window (tests, tools). */
    static SettingsAccess inMemory(Settings initial) {
        Settings[] held = {Objects.requireNonNull(initial)};
        return new SettingsAccess() {
            @Override
            public synchronized Settings current() {
                return held[0];
            }

            @Override
            public synchronized void update(UnaryOperator<Settings> change) {
                held[0] = change.apply(held[0]);
            }
        };
    }
}
