package io.metroscope.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a count that must be at least 1. */
final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int n = Integer.parseInt(value.trim());
        if (n < 1) {
            throw new TypeConversionException("must be at least 1, not " + n);
        }
        return n;
    }
}
