package io.metroscope.format;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.razorvine.pickle.PickleException;

/** Checked conversions of unpickled Python values; a wrong type is a malformed file, not a bug. */
final class PickleValues {
    private PickleValues() {
    }

    static long toLong(Object value, String what) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            try {
                return ((BigInteger) value).longValueExact();
            } catch (ArithmeticException e) {
                throw new PickleException(what + " is out of range: " + value);
            }
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? 1 : 0;
        }
        throw new PickleException(what + " should be an integer but is " + describe(value));
    }

    static int toInt(Object value, String what) {
        long v = toLong(value, what);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new PickleException(what + " is out of range: " + v);
        }
        return (int) v;
    }

    /** A Python tuple or list of ints (shape, stride). */
    static int[] toIntArray(Object value, String what) {
        Object[] items = toTuple(value, what);
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = toInt(items[i], what);
        }
        return out;
    }

    static Object[] toTuple(Object value, String what) {
        if (value instanceof Object[]) {
            return (Object[]) value;
        }
        if (value instanceof List) {
            return ((List<?>) value).toArray();
        }
        throw new PickleException(what + " should be a tuple but is " + describe(value));
    }

    static String toText(Object value, String what) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[]) {
            return new String((byte[]) value, StandardCharsets.ISO_8859_1);
        }
        throw new PickleException(what + " should be a string but is " + describe(value));
    }

    /**
     * Raw bytes: Python 3 {@code bytes} arrive as byte[]; Python 2 {@code str} (BINSTRING) arrives as a String
     * with one char per byte, which ISO-8859-1 turns back into the exact bytes.
     */
    static byte[] toBytes(Object value, String what) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof String) {
            return ((String) value).getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new PickleException(what + " should be bytes but is " + describe(value));
    }

    /**
     * A pickled key or name as text: strings and numbers as they are, anything else described. A forged pickle can
     * make a dict or list that contains itself, whose {@code toString} would recurse until the stack overflows.
     */
    static String keyText(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "<" + describe(value) + ">";
    }

    static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Object[]) {
            return "a tuple of " + ((Object[]) value).length;
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof java.util.Map) {
            return "a dict";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return "the number " + value;
        }
        return "a " + value.getClass().getSimpleName();
    }
}
