package io.metroscope.format;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Replaces placeholders in an unpickled object graph by their final values, keeping shared objects shared. */
final class PickleResolver {
    private final Map<Object, Object> resolved = new IdentityHashMap<>();
    private final Set<Object> visiting = Collections.newSetFromMap(new IdentityHashMap<>());

    @SuppressWarnings("unchecked")
    Object resolve(Object value) {
        if (value == null) {
            return null;
        }
        Object done = resolved.get(value);
        if (done != null) {
            return done;
        }
        if (!visiting.add(value)) {
            return value; // a cycle: the container is being filled in already
        }
        try {
            Object result = value;
            if (value instanceof PickleResolvable) {
                result = ((PickleResolvable) value).resolve(this);
            } else if (value instanceof Map) {
                for (Map.Entry<Object, Object> e : ((Map<Object, Object>) value).entrySet()) {
                    e.setValue(resolve(e.getValue()));
                }
            } else if (value instanceof List) {
                List<Object> list = (List<Object>) value;
                for (int i = 0; i < list.size(); i++) {
                    list.set(i, resolve(list.get(i)));
                }
            } else if (value instanceof Object[]) {
                Object[] tuple = (Object[]) value;
                for (int i = 0; i < tuple.length; i++) {
                    tuple[i] = resolve(tuple[i]);
                }
            } else if (value instanceof Set) {
                Set<Object> copy = new LinkedHashSet<>();
                for (Object element : (Set<Object>) value) {
                    copy.add(resolve(element));
                }
                result = copy;
            }
            resolved.put(value, result);
            return result;
        } finally {
            visiting.remove(value);
        }
    }
}
