package io.metroscope.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Shared plumbing of the {@code *FuzzTest} classes: fuzz input goes to a real file (the readers take paths and
 * memory-map), and whatever a reader returns is touched, so lazily wrong results (a view that reaches outside
 * its storage, a face index past the vertices) fail in the fuzz run rather than later in the app.
 *
 * <p>The contract being fuzzed: a reader either returns a usable value or throws {@link FormatException};
 * any other exception or error (NPE, index out of bounds, OutOfMemoryError, StackOverflowError) is a bug.
 */
final class FuzzSupport {
    /** Arrays up to this many elements are copied out in full; larger ones are sampled at both ends. */
    private static final int FULL_COPY_LIMIT = 1 << 16;
    private static Path dir;

    private FuzzSupport() {
    }

    /** Writes {@code data} to a fresh file named {@code name} (a new inode each time: old mappings stay valid). */
    static synchronized Path file(String name, byte[] data) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("metroscope-fuzz-");
                dir.toFile().deleteOnExit();
            }
            Path file = dir.resolve(name);
            Files.deleteIfExists(file);
            Files.write(file, data);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void touch(StateDict dict) {
        for (TorchTensor t : dict.tensors().values()) {
            int n = t.numel();
            if (n <= FULL_COPY_LIMIT) {
                t.toDoubleArray();
            } else {
                t.isContiguous();
            }
        }
    }

    static void touch(MeshData mesh) {
        int vertices = mesh.vertexCount();
        for (int index : mesh.triangles()) {
            if (index < 0 || index >= vertices) {
                throw new IllegalStateException("reader returned face index " + index + " of " + vertices);
            }
        }
        if (vertices > 0) {
            mesh.bounds(); // documented to refuse an empty mesh
        }
        mesh.normalsOrComputed();
    }

    /** Walks what {@link SafeUnpickler} or {@link Npz} returned (each object once: pickles may share and cycle). */
    static void touch(Object value) {
        touch(value, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void touch(Object value, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof NdArray) {
            NdArray a = (NdArray) value;
            if (a.dtype() == DType.OBJECT) {
                for (Object o : a.objects()) {
                    touch(o, seen);
                }
            } else if (a.size() <= FULL_COPY_LIMIT) {
                a.toDoubleArray();
            } else {
                a.getDouble(0);
                a.getDouble(a.size() - 1);
            }
        } else if (value instanceof SparseMatrix) {
            SparseMatrix m = (SparseMatrix) value;
            if ((long) m.rows() * m.cols() <= FULL_COPY_LIMIT) {
                m.toDense();
            }
            m.nonZeroCount();
        } else if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                touch(e.getKey(), seen);
                touch(e.getValue(), seen);
            }
        } else if (value instanceof Collection) {
            for (Object o : (Collection<?>) value) {
                touch(o, seen);
            }
        } else if (value instanceof Object[]) {
            for (Object o : (Object[]) value) {
                touch(o, seen);
            }
        }
    }
}
