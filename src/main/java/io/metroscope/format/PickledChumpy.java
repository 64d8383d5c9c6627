package io.metroscope.format;

import java.util.Map;

import net.razorvine.pickle.PickleException;

/** A pickled {@code chumpy.ch.Ch}; only its value {@code x} matters to us, so it resolves to that array. */
final class PickledChumpy implements PickleStateful, PickleResolvable {
    private Map<?, ?> state;

    @Override
    public void setState(Object value) {
        if (!(value instanceof Map)) {
            throw new PickleException("chumpy.ch.Ch state is " + PickleValues.describe(value));
        }
        state = (Map<?, ?>) value;
    }

    @Override
    public Object resolve(PickleResolver resolver) {
        if (state == null || !state.containsKey("x")) {
            throw new PickleException("chumpy.ch.Ch has no value 'x'");
        }
        return resolver.resolve(state.get("x"));
    }
}
