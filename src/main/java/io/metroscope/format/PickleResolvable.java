package io.metroscope.format;

/**
 * A placeholder built while unpickling; it becomes its final Java value only after the whole pickle is read,
 * because BUILD may fill it in after other objects already refer to it.
 */
interface PickleResolvable {
    Object resolve(PickleResolver resolver);
}
