package io.metroscope.cli;

/** Parses a count that may be 0 but not negative. */
final class NonNegativeInt extends MinimumInt {
    NonNegativeInt() {
        super(0);
    }
}
