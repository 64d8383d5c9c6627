package io.metroscope.format;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/** Element types of tensors and NumPy arrays, with their byte size and how to decode one element. */
public enum DType {
    FLOAT16(2, "f2", "HalfStorage"),
    BFLOAT16(2, null, "BFloat16Storage"),
    FLOAT32(4, "f4", "FloatStorage"),
    FLOAT64(8, "f8", "DoubleStorage"),
    INT8(1, "i1", "CharStorage"),
    INT16(2, "i2", "ShortStorage"),
    INT32(4, "i4", "IntStorage"),
    INT64(8, "i8", "LongStorage"),
    UINT8(1, "u1", "ByteStorage"),
    UINT16(2, "u2", null),
    UINT32(4, "u4", null),
    UINT64(8, "u8", null),
    BOOL(1, "b1", "BoolStorage"),
    /** NumPy object arrays (dtype {@code |O}): elements are unpickled Java objects, not bytes. */
    OBJECT(0, "O", null);

    private final int byteSize;
    private final String numpyCode;
    private final String torchStorage;

    DType(int byteSize, String numpyCode, String torchStorage) {
        this.byteSize = byteSize;
        this.numpyCode = numpyCode;
        this.torchStorage = torchStorage;
    }

    /** Bytes per element; 0 for {@link #OBJECT}. */
    public int byteSize() {
        return byteSize;
    }

    /** NumPy kind+size code without byte order, e.g. {@code f4}; empty for types NumPy lacks (bfloat16). */
    public Optional<String> numpyCode() {
        return Optional.ofNullable(numpyCode);
    }

    /** The legacy typed-storage class name torch pickles, e.g. {@code FloatStorage}; empty when torch has none. */
    public Optional<String> torchStorageName() {
        return Optional.ofNullable(torchStorage);
    }

    public boolean isFloatingPoint() {
        return this == FLOAT16 || this == BFLOAT16 || this == FLOAT32 || this == FLOAT64;
    }

    /** The type whose torch storage class is {@code name} (e.g. {@code FloatStorage}). */
    public static Optional<DType> fromTorchStorage(String name) {
        for (DType t : values()) {
            if (name.equals(t.torchStorage)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type of a NumPy code without byte order ({@code f4}, {@code b1}, {@code O8}, {@code ?}). */
    public static Optional<DType> fromNumpyCode(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        if (c.equals("?")) {
            return Optional.of(BOOL);
        }
        // Object arrays are "O", "O4" or "O8" depending on who wrote them.
        if (c.startsWith("o")) {
            return Optional.of(OBJECT);
        }
        for (DType t : values()) {
            if (c.equals(t.numpyCode)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Decodes the element at {@code byteIndex} as a double (unsigned types are read as unsigned). */
    public double readDouble(ByteBuffer buffer, int byteIndex) {
        switch (this) {
            case FLOAT16: return HalfFloats.halfToFloat(buffer.getShort(byteIndex));
            case BFLOAT16: return Float.intBitsToFloat((buffer.getShort(byteIndex) & 0xFFFF) << 16);
            case FLOAT32: return buffer.getFloat(byteIndex);
            case FLOAT64: return buffer.getDouble(byteIndex);
            case UINT64: {
                long v = buffer.getLong(byteIndex);
                return v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            default: return readLong(buffer, byteIndex);
        }
    }

    /**
     * Decodes the element at {@code byteIndex} as a long. Floating point values are truncated toward zero;
     * uint64 values above {@link Long#MAX_VALUE} come back with their bit pattern (negative).
     */
    public long readLong(ByteBuffer buffer, int byteIndex) {
        switch (this) {
            case INT8: return buffer.get(byteIndex);
            case UINT8: return buffer.get(byteIndex) & 0xFFL;
            case BOOL: return buffer.get(byteIndex) != 0 ? 1 : 0;
            case INT16: return buffer.getShort(byteIndex);
            case UINT16: return buffer.getShort(byteIndex) & 0xFFFFL;
            case INT32: return buffer.getInt(byteIndex);
            case UINT32: return buffer.getInt(byteIndex) & 0xFFFFFFFFL;
            case INT64:
            case UINT64: return buffer.getLong(byteIndex);
            case OBJECT: throw new UnsupportedOperationException("object arrays have no numeric elements");
            default: return (long) readDouble(buffer, byteIndex);
        }
    }
}
