package io.metroscope.format;

import java.nio.ByteBuffer;
import java.util.List;

import net.razorvine.pickle.PickleException;

/** A pickled {@code numpy.ndarray}: created empty by {@code _reconstruct}, filled in by BUILD. */
final class PickledArray implements PickleStateful, PickleResolvable {
    private Object[] state;

    /** {@code numpy.core.numeric._frombuffer(buffer, dtype, shape, order)} as used by pickle protocol 5. */
    static PickledArray fromBuffer(Object buffer, Object dtype, Object shape, Object order) {
        PickledArray a = new PickledArray();
        a.state = new Object[] {1, shape, dtype, "F".equals(order), buffer};
        return a;
    }

    @Override
    public void setState(Object value) {
        Object[] fields = PickleValues.toTuple(value, "numpy.ndarray state");
        if (fields.length == 4) {
            // Very old NumPy wrote (shape, dtype, is_fortran, data) without the version.
            fields = new Object[] {1, fields[0], fields[1], fields[2], fields[3]};
        }
        if (fields.length != 5) {
            throw new PickleException("numpy.ndarray state has " + fields.length + " fields, expected 5");
        }
        state = fields;
    }

    @Override
    public Object resolve(PickleResolver resolver) {
        if (state == null) {
            throw new PickleException("numpy.ndarray without state");
        }
        int[] shape = PickleValues.toIntArray(state[1], "numpy.ndarray shape");
        if (!(state[2] instanceof PickledDType)) {
            throw new PickleException("numpy.ndarray dtype is " + PickleValues.describe(state[2]));
        }
        PickledDType dtype = (PickledDType) state[2];
        boolean fortran = Boolean.TRUE.equals(state[3]) || Integer.valueOf(1).equals(state[3]);
        int count = Strided.elementCount(shape);
        if (count < 0) {
            throw new PickleException("numpy.ndarray is too large");
        }
        if (dtype.dtype() == DType.OBJECT) {
            if (!(state[4] instanceof List)) {
                throw new PickleException("object array data is " + PickleValues.describe(state[4]));
            }
            List<?> items = (List<?>) state[4];
            if (items.size() != count) {
                throw new PickleException("object array has " + items.size() + " items, shape needs " + count);
            }
            Object[] objects = new Object[count];
            for (int i = 0; i < count; i++) {
                objects[i] = resolver.resolve(items.get(i));
            }
            // Fortran-ordered object arrays do not occur in our files; their items would be in F order.
            return new NdArray(DType.OBJECT, shape, null, objects);
        }
        byte[] raw = PickleValues.toBytes(state[4], "numpy.ndarray data");
        long needed = (long) count * dtype.dtype().byteSize();
        if (raw.length != needed) {
            throw new PickleException("numpy.ndarray data has " + raw.length + " bytes, shape needs " + needed);
        }
        return NdArray.fromRaw(dtype.dtype(), dtype.order(), shape, fortran, ByteBuffer.wrap(raw));
    }

    /** {@code numpy.core.multiarray.scalar(dtype, bytes)}: one element as a Java number or boolean. */
    static Object scalar(Object dtype, Object data) {
        if (!(dtype instanceof PickledDType)) {
            throw new PickleException("numpy scalar dtype is " + PickleValues.describe(dtype));
        }
        PickledDType t = (PickledDType) dtype;
        byte[] raw = PickleValues.toBytes(data, "numpy scalar data");
        if (t.dtype() == DType.OBJECT || raw.length != t.dtype().byteSize()) {
            throw new PickleException("numpy scalar of " + t.dtype() + " has " + raw.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(t.order());
        if (t.dtype() == DType.BOOL) {
            return raw[0] != 0;
        }
        return t.dtype().isFloatingPoint() ? (Object) t.dtype().readDouble(b, 0) : (Object) t.dtype().readLong(b, 0);
    }
}
