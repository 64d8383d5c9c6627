package io.metroscope.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads Python pickles without running anything the file asks for: every global (GLOBAL, STACK_GLOBAL, INST)
 * is checked against a {@link PickleAllowlist} before any object is made, and allowed globals map to inert
 * Java stand-ins.
 *
 * <p>Results: dict → {@link LinkedHashMap} (file order), list → ArrayList, tuple → Object[], str → String,
 * Python 2 str → String with one char per byte (see {@link #latin1Bytes}), bytes → byte[], int → Integer, Long
 * or BigInteger, float → Double, set → LinkedHashSet, numpy array → {@link NdArray}, scipy.sparse matrix →
 * {@link SparseMatrix}, chumpy {@code Ch} → its value as {@link NdArray}. OrderedDict attributes (torch's
 * {@code _metadata}) are dropped.
 */
public final class SafeUnpickler {

    private SafeUnpickler() {
    }

    /** Unpickles a whole file ({@code .gz} is decompressed in memory). */
    public static Object load(Path file, PickleAllowlist allowlist) throws FormatException {
        byte[] bytes;
        try (InputStream raw = Files.newInputStream(file)) {
            bytes = file.getFileName().toString().endsWith(".gz")
                    ? new GZIPInputStream(raw).readAllBytes() : raw.readAllBytes();
        } catch (IOException e) {
            throw new FormatException(file, "cannot read the file (" + e + ")",
                    "check that the file exists, is readable and, if it ends in .gz, is complete", e);
        }
        return load(bytes, file, allowlist);
    }

    /** Unpickles {@code pickle}; {@code source} only names the data in error messages (may be null). */
    public static Object load(byte[] pickle, Path source, PickleAllowlist allowlist) throws FormatException {
        return load(new ByteArrayInputStream(pickle), pickle.length, source, allowlist, null);
    }

    /**
     * The exact bytes of a Python 2 byte string: razorvine decodes BINSTRING/SHORT_BINSTRING one char per byte,
     * so ISO-8859-1 reverses it losslessly.
     */
    public static byte[] latin1Bytes(String pythonTwoString) {
        return pythonTwoString.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Unpickles one pickle from {@code in}, reading exactly up to its STOP opcode so that the caller can go on
     * reading the stream. {@code maxBytes} bounds every length prefix, so a forged length cannot make us
     * allocate more than the file holds. {@code persistentLoader} resolves persistent ids (null: refused).
     */
    static Object load(InputStream in, long maxBytes, Path source, PickleAllowlist allowlist,
            Function<Object, Object> persistentLoader) throws FormatException {
        Machine machine = new Machine(source, allowlist, maxBytes, persistentLoader);
        try {
            Object raw = machine.load(in);
            return new PickleResolver().resolve(raw);
        } catch (FormatException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new FormatException(source, "not a valid " + kindName(allowlist) + " pickle: " + e.getMessage(),
                    "the file is damaged or of another kind; obtain a fresh copy", e);
        }
    }

    static String kindName(PickleAllowlist allowlist) {
        switch (allowlist) {
            case TORCH_CHECKPOINT: return "PyTorch checkpoint";
            case NUMPY_OBJECT_ARRAY: return "NumPy object array";
            default: return "SMPL/MANO model";
        }
    }

    private static String refusalFix(PickleAllowlist allowlist) {
        String common = "only open files from a source you trust, and do not load this one in Python either: "
                + "unpickling it there would run that code";
        switch (allowlist) {
            case TORCH_CHECKPOINT:
                return "if it is a whole pickled model, re-save just its weights with "
                        + "torch.save(model.state_dict(), path); otherwise " + common;
            case NUMPY_OBJECT_ARRAY:
                return "re-save the data as plain numeric arrays (numpy.savez); otherwise " + common;
            default:
                return "use the official SMPL/MANO .pkl (numpy, scipy.sparse and chumpy objects only); otherwise "
                        + common;
        }
    }

    /** razorvine's machine with every opcode that names a global, builds a dict or trusts a length replaced. */
    private static final class Machine extends Unpickler {
        private static final short GLOBAL = 'c';
        private static final short STACK_GLOBAL = 0x93;
        private static final short INST = 'i';
        private static final short EMPTY_DICT = '}';
        private static final short DICT = 'd';
        private static final short SETITEMS = 'u';
        private static final short BUILD = 'b';
        private static final short BINSTRING = 'T';
        private static final short BINBYTES = 'B';
        private static final short BINUNICODE = 'X';
        private static final short BINUNICODE8 = 0x8d;
        private static final short BINBYTES8 = 0x8e;
        private static final short BYTEARRAY8 = 0x96;
        private static final short LONG4 = 0x8b;

        private final Path source;
        private final PickleAllowlist allowlist;
        private final long maxBytes;
        private final Function<Object, Object> persistentLoader;

        Machine(Path source, PickleAllowlist allowlist, long maxBytes, Function<Object, Object> persistentLoader) {
            this.source = source;
            this.allowlist = allowlist;
            this.maxBytes = maxBytes;
            this.persistentLoader = persistentLoader;
        }

        @Override
        protected Object dispatch(short key) throws IOException {
            switch (key) {
                case GLOBAL:
                    stack.add(global(PickleUtils.readline(input), PickleUtils.readline(input)));
                    return NO_RETURN_VALUE;
                case STACK_GLOBAL: {
                    Object name = stack.pop();
                    Object module = stack.pop();
                    if (!(module instanceof String) || !(name instanceof String)) {
                        throw new PickleException("STACK_GLOBAL with non-string module or name");
                    }
                    stack.add(global((String) module, (String) name));
                    return NO_RETURN_VALUE;
                }
                case INST: {
                    IObjectConstructor constructor = global(PickleUtils.readline(input), PickleUtils.readline(input));
                    stack.add(constructor.construct(stack.pop_all_since_marker().toArray()));
                    return NO_RETURN_VALUE;
                }
                case EMPTY_DICT:
                    stack.add(new LinkedHashMap<>());
                    return NO_RETURN_VALUE;
                case DICT: {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    putPairs(map, stack.pop_all_since_marker());
                    stack.add(map);
                    return NO_RETURN_VALUE;
                }
                case SETITEMS: {
                    List<Object> items = stack.pop_all_since_marker();
                    putPairs(dictOnStack(), items);
                    return NO_RETURN_VALUE;
                }
                case BUILD:
                    build();
                    return NO_RETURN_VALUE;
                case BINSTRING:
                    stack.add(PickleUtils.rawStringFromBytes(readCounted(4)));
                    return NO_RETURN_VALUE;
                case BINBYTES:
                    stack.add(readCounted(4));
                    return NO_RETURN_VALUE;
                case BINBYTES8:
                case BYTEARRAY8:
                    stack.add(readCounted(8));
                    return NO_RETURN_VALUE;
                case BINUNICODE:
                    stack.add(new String(readCounted(4), StandardCharsets.UTF_8));
                    return NO_RETURN_VALUE;
                case BINUNICODE8:
                    stack.add(new String(readCounted(8), StandardCharsets.UTF_8));
                    return NO_RETURN_VALUE;
                case LONG4:
                    stack.add(PickleUtils.decode_long(readCounted(4)));
                    return NO_RETURN_VALUE;
                default:
                    return super.dispatch(key);
            }
        }

        private IObjectConstructor global(String module, String name) throws FormatException {
            String qualified = module + "." + name;
            if (!allowlist.allows(module, name)) {
                if (allowlist == PickleAllowlist.TORCH_CHECKPOINT && module.equals("torch")
                        && name.endsWith("Storage")) {
                    throw new FormatException(source, "unsupported tensor storage type '" + qualified
                            + "' (supported: float16/bfloat16/32/64, int8/16/32/64, uint8, bool)",
                            "convert the tensors to a supported dtype in Python and re-save the state dict");
                }
                throw new FormatException(source, "refused to load Python global '" + qualified
                        + "': it is not allowed in a " + kindName(allowlist) + " and could run code",
                        refusalFix(allowlist));
            }
            return PythonGlobals.lookup(module, name).orElseThrow(
                    () -> new IllegalStateException("allowlist and PythonGlobals disagree on " + qualified));
        }

        @SuppressWarnings("unchecked")
        private Map<Object, Object> dictOnStack() {
            Object target = stack.peek();
            if (!(target instanceof Map)) {
                throw new PickleException("SETITEMS on " + PickleValues.describe(target));
            }
            return (Map<Object, Object>) target;
        }

        private static void putPairs(Map<Object, Object> map, List<Object> items) {
            if (items.size() % 2 != 0) {
                throw new PickleException("odd number of items for a dict");
            }
            for (int i = 0; i < items.size(); i += 2) {
                map.put(items.get(i), items.get(i + 1));
            }
        }

        private void build() {
            Object state = stack.pop();
            Object target = stack.peek();
            if (target instanceof PickleStateful) {
                ((PickleStateful) target).setState(state);
            } else if (target instanceof Map && state instanceof Map) {
                // OrderedDict instance attributes (torch's _metadata): not part of the mapping, dropped.
                return;
            } else {
                throw new PickleException("cannot restore the state of " + PickleValues.describe(target));
            }
        }

        private byte[] readCounted(int lengthBytes) throws IOException {
            byte[] prefix = PickleUtils.readbytes(input, lengthBytes);
            long length = lengthBytes == 4
                    ? PickleUtils.bytes_to_integer(prefix) : PickleUtils.bytes_to_long(prefix, 0);
            if (length < 0 || length > maxBytes || length > Integer.MAX_VALUE - 8) {
                throw new PickleException("a string or bytes object claims " + length + " bytes but the data has "
                        + "only " + maxBytes);
            }
            return PickleUtils.readbytes(input, (int) length);
        }

        @Override
        protected Object persistentLoad(Object pid) {
            if (persistentLoader == null) {
                throw new PickleException("the pickle refers to external data (persistent id), which a "
                        + kindName(allowlist) + " must not");
            }
            return persistentLoader.apply(pid);
        }
    }
}
