package io.metroscope.format;

/** A pickled object under construction whose BUILD opcode hands it its Python state. */
interface PickleStateful {
    void setState(Object state);
}
