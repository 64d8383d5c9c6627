package io.metroscope.cli;

/** Parses a count that must be at least 1. */
final class PositiveInt extends MinimumInt {
    PositiveInt() {
        super(1);
    }
}
