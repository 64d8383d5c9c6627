package io.metroscope.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a whole number no smaller than a minimum, so a bad count is a usage error naming the option. */
abstract class MinimumInt implements ITypeConverter<Integer> {

    private final int minimum;

    MinimumInt(int minimum) {
        this.minimum = minimum;
    }

    @Override
    public Integer convert(String value) {
        int n = Integer.parseInt(value.trim());
        if (n < minimum) {
            throw new TypeConversionException("must be at least " + minimum + ", not " + n);
        }
        return n;
    }
}
