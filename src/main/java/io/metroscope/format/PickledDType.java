package io.metroscope.format;

import java.nio.ByteOrder;

import net.razorvine.pickle.PickleException;

/** A pickled {@code numpy.dtype}: its kind/size code from the constructor, its byte order from BUILD. */
final class PickledDType implements PickleStateful {
    private final DType dtype;
    private final String code;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    PickledDType(String code) {
        this.code = code;
        this.dtype = DType.fromNumpyCode(code).orElseThrow(() -> new PickleException(
                "unsupported NumPy dtype '" + code + "' (only numeric, bool and object arrays are read)"));
    }

    DType dtype() {
        return dtype;
    }

    ByteOrder order() {
        return order;
    }

    @Override
    public void setState(Object state) {
        Object[] fields = PickleValues.toTuple(state, "numpy.dtype state");
        if (fields.length < 2) {
            throw new PickleException("numpy.dtype state is too short");
        }
        String byteOrder = PickleValues.toText(fields[1], "numpy.dtype byte order");
        // '=' means the writer's native order; every platform that wrote these files is little-endian.
        order = ">".equals(byteOrder) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if (fields.length > 3 && fields[3] != null) {
            throw new PickleException("structured NumPy dtype '" + code + "' is not supported");
        }
    }
}
