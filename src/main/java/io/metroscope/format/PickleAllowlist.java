package io.metroscope.format;

import java.util.Set;
import java.util.TreeSet;

/**
 * The Python globals ({@code module.name}) a pickle of a given kind may reference. Anything else is refused
 * before it is looked up, so a hostile pickle cannot reach a callable we did not choose.
 */
public enum PickleAllowlist {
    /** {@code torch.save} of a state dict (zip {@code data.pkl} or the legacy object pickle). */
    TORCH_CHECKPOINT(Names.TORCH),
    /** NumPy object arrays inside {@code .npy}/{@code .npz} (e.g. scipy.sparse matrices in mesh_downsampling.npz). */
    NUMPY_OBJECT_ARRAY(Names.NUMPY, Names.SCIPY_SPARSE, Names.PYTHON_OBJECTS),
    /** SMPL/MANO model pickles (Python 2, chumpy and scipy.sparse objects). */
    SMPL_MODEL(Names.NUMPY, Names.SCIPY_SPARSE, Names.PYTHON_OBJECTS, Names.CHUMPY);

    private final Set<String> globals;

    PickleAllowlist(Set<?>... groups) {
        TreeSet<String> all = new TreeSet<>();
        for (Set<?> group : groups) {
            for (Object name : group) {
                all.add((String) name);
            }
        }
        this.globals = Set.copyOf(all);
    }

    /** Every allowed {@code module.name}. */
    public Set<String> globals() {
        return globals;
    }

    public boolean allows(String module, String name) {
        return globals.contains(module + "." + name);
    }

    private static final class Names {
        static final Set<String> TORCH = Set.of(
                "collections.OrderedDict",
                "torch._utils._rebuild_tensor",
                "torch._utils._rebuild_tensor_v2",
                "torch._utils._rebuild_parameter",
                "torch.HalfStorage", "torch.BFloat16Storage", "torch.FloatStorage", "torch.DoubleStorage",
                "torch.CharStorage", "torch.ShortStorage", "torch.IntStorage", "torch.LongStorage",
                "torch.ByteStorage", "torch.BoolStorage");

        static final Set<String> NUMPY = Set.of(
                "numpy.ndarray", "numpy.dtype",
                "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
                "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
                "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
                // Python 3 writes bytes at protocol 2 as _codecs.encode(latin1 text, 'latin1').
                "_codecs.encode");

        static final Set<String> SCIPY_SPARSE = Set.of(
                // scipy < 1.8 module names (Python 2 era files), then the private modules of scipy >= 1.8.
                "scipy.sparse.csc.csc_matrix", "scipy.sparse.csr.csr_matrix", "scipy.sparse.coo.coo_matrix",
                "scipy.sparse._csc.csc_matrix", "scipy.sparse._csr.csr_matrix", "scipy.sparse._coo.coo_matrix",
                "scipy.sparse._csc.csc_array", "scipy.sparse._csr.csr_array", "scipy.sparse._coo.coo_array",
                "scipy.sparse._arrays.csc_array", "scipy.sparse._arrays.csr_array",
                "scipy.sparse._arrays.coo_array");

        static final Set<String> PYTHON_OBJECTS = Set.of(
                "copy_reg._reconstructor", "copyreg._reconstructor",
                "__builtin__.object", "builtins.object",
                "__builtin__.set", "builtins.set", "__builtin__.frozenset", "builtins.frozenset");

        static final Set<String> CHUMPY = Set.of("chumpy.ch.Ch");

        private Names() {
        }
    }
}
