package io.metroscope.settings;

/** The application's colour themes. */
public enum Theme {
    LIGHT, DARK
}
