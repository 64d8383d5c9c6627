package io.metroscope.format;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

/**
 * The Java stand-ins for every Python global we ever allow. This is the only place that maps names to
 * behaviour: razorvine's own registry ({@code Unpickler.registerConstructor}) is static and shared by the
 * whole JVM, so it is never used; {@link SafeUnpickler} asks here, after its allowlist said yes.
 */
final class PythonGlobals {
    private PythonGlobals() {
    }

    /** The stand-in for {@code module.name}, or empty when we have none. */
    static Optional<IObjectConstructor> lookup(String module, String name) {
        String qualified = module + "." + name;
        if (module.equals("torch") && name.endsWith("Storage")) {
            return DType.fromTorchStorage(name).map(StorageType::new);
        }
        switch (qualified) {
            case "collections.OrderedDict":
                return Optional.of(PythonGlobals::orderedDict);
            case "torch._utils._rebuild_tensor":
            case "torch._utils._rebuild_tensor_v2":
                return Optional.of(PythonGlobals::rebuildTensor);
            case "torch._utils._rebuild_parameter":
                return Optional.of(args -> argument(args, 0, qualified));
            case "numpy.core.multiarray._reconstruct":
            case "numpy._core.multiarray._reconstruct":
                return Optional.of(PythonGlobals::reconstructArray);
            case "numpy.ndarray":
            case "__builtin__.object":
            case "builtins.object":
                return Optional.of(new ClassMarker(qualified));
            case "numpy.dtype":
                return Optional.of(args -> new PickledDType(PickleValues.toText(argument(args, 0, qualified),
                        "numpy.dtype code")));
            case "numpy.core.multiarray.scalar":
            case "numpy._core.multiarray.scalar":
                return Optional.of(args -> PickledArray.scalar(argument(args, 0, qualified),
                        args.length > 1 ? args[1] : null));
            case "numpy.core.numeric._frombuffer":
            case "numpy._core.numeric._frombuffer":
                return Optional.of(args -> PickledArray.fromBuffer(argument(args, 0, qualified),
                        argument(args, 1, qualified), argument(args, 2, qualified), argument(args, 3, qualified)));
            case "_codecs.encode":
                return Optional.of(args -> PickleValues.toText(argument(args, 0, qualified), "_codecs.encode text")
                        .getBytes(StandardCharsets.ISO_8859_1));
            case "copy_reg._reconstructor":
            case "copyreg._reconstructor":
                return Optional.of(PythonGlobals::reconstructObject);
            case "__builtin__.set":
            case "builtins.set":
            case "__builtin__.frozenset":
            case "builtins.frozenset":
                return Optional.of(PythonGlobals::set);
            case "chumpy.ch.Ch":
                return Optional.of(args -> new PickledChumpy());
            default:
                break;
        }
        if (module.startsWith("scipy.sparse.")) {
            String format = name.substring(0, Math.min(3, name.length()));
            if (name.equals(format + "_matrix") || name.equals(format + "_array")) {
                return Optional.of(args -> new PickledSparse(format));
            }
        }
        return Optional.empty();
    }

    /** {@code torch.FloatStorage} etc.: only ever named inside persistent ids, never called. */
    record StorageType(DType dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch storage types cannot be constructed from a pickle");
        }
    }

    /** A class that only appears as an argument ({@code numpy.ndarray}, {@code object}); calling it is refused. */
    record ClassMarker(String qualifiedName) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException(qualifiedName + " cannot be called directly in this kind of file");
        }
    }

    private static Object argument(Object[] args, int index, String function) {
        if (args == null || args.length <= index) {
            throw new PickleException(function + " called with too few arguments");
        }
        return args[index];
    }

    private static Object orderedDict(Object[] args) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (args.length > 0 && args[0] != null) {
            for (Object pair : PickleValues.toTuple(args[0], "OrderedDict items")) {
                Object[] kv = PickleValues.toTuple(pair, "OrderedDict item");
                if (kv.length != 2) {
                    throw new PickleException("OrderedDict item is not a pair");
                }
                map.put(kv[0], kv[1]);
            }
        }
        return map;
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4) {
            throw new PickleException("torch._utils._rebuild_tensor_v2 called with " + args.length + " arguments");
        }
        if (!(args[0] instanceof TorchStorageRef)) {
            throw new PickleException("tensor storage is " + PickleValues.describe(args[0]) + ", not a storage id");
        }
        return new TorchTensorRef((TorchStorageRef) args[0], PickleValues.toLong(args[1], "tensor storage offset"),
                PickleValues.toIntArray(args[2], "tensor size"), PickleValues.toIntArray(args[3], "tensor stride"));
    }

    private static Object reconstructArray(Object[] args) {
        Object cls = argument(args, 0, "numpy _reconstruct");
        if (!(cls instanceof ClassMarker) || !((ClassMarker) cls).qualifiedName().equals("numpy.ndarray")) {
            throw new PickleException("numpy _reconstruct of " + PickleValues.describe(cls) + ", not numpy.ndarray");
        }
        return new PickledArray();
    }

    private static Object reconstructObject(Object[] args) {
        Object cls = argument(args, 0, "copy_reg._reconstructor");
        if (!(cls instanceof IObjectConstructor) || cls instanceof ClassMarker) {
            throw new PickleException("copy_reg._reconstructor of " + PickleValues.describe(cls));
        }
        Object made = ((IObjectConstructor) cls).construct(new Object[0]);
        Object state = args.length > 2 ? args[2] : null;
        if (state != null) {
            if (!(made instanceof PickleStateful)) {
                throw new PickleException("copy_reg._reconstructor state for " + PickleValues.describe(made));
            }
            ((PickleStateful) made).setState(state);
        }
        return made;
    }

    private static Object set(Object[] args) {
        LinkedHashSet<Object> set = new LinkedHashSet<>();
        if (args.length > 0 && args[0] != null) {
            Object items = args[0];
            if (items instanceof Collection) {
                set.addAll((Collection<?>) items);
            } else {
                for (Object item : PickleValues.toTuple(items, "set items")) {
                    set.add(item);
                }
            }
        }
        return set;
    }
}
