package io.metroscope.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives (stored or deflated). {@link #open} reads arrays lazily, so an entry that cannot
 * be read (like the psbody {@code M} objects in mesh_downsampling.npz) does not stop the others.
 * Stored entries are memory-mapped.
 */
public final class Npz implements AutoCloseable {
    private static final String SUFFIX = ".npy";

    private final Path file;
    private final FileChannel channel;
    private final ZipDirectory zip;

    private Npz(Path file, FileChannel channel, ZipDirectory zip) {
        this.file = file;
        this.channel = channel;
        this.zip = zip;
    }

    /** Opens an archive for {@link #get}; close it when done (arrays already read stay valid). */
    public static Npz open(Path file) throws FormatException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file);
            return new Npz(file, channel, ZipDirectory.read(file, channel));
        } catch (IOException e) {
            closeQuietly(channel);
            if (e instanceof FormatException) {
                throw (FormatException) e;
            }
            throw new FormatException(file, "cannot read the file (" + e + ")", "check that it exists and is readable",
                    e);
        }
    }

    /** Reads every array of {@code file}, in archive order. */
    public static Map<String, NdArray> read(Path file) throws FormatException {
        try (Npz npz = open(file)) {
            Map<String, NdArray> arrays = new LinkedHashMap<>();
            for (String name : npz.names()) {
                arrays.put(name, npz.get(name));
            }
            return arrays;
        }
    }

    /** Array names in archive order (entry names without {@code .npy}). */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (String entry : zip.names()) {
            names.add(entry.endsWith(SUFFIX) ? entry.substring(0, entry.length() - SUFFIX.length()) : entry);
        }
        return names;
    }

    public boolean contains(String name) {
        return zip.entries().containsKey(name + SUFFIX) || zip.entries().containsKey(name);
    }

    /** The array called {@code name}; FormatException when absent or unreadable. */
    public NdArray get(String name) throws FormatException {
        ZipDirectory.Entry entry = zip.entries().get(name + SUFFIX);
        if (entry == null) {
            entry = zip.entries().get(name);
        }
        if (entry == null) {
            throw new FormatException(file, "no array '" + name + "' (it has " + names() + ")",
                    "check the array name or choose another file");
        }
        Path shown = entryPath(file, entry.name());
        try {
            return Npy.read(zip.map(entry), shown);
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw new FormatException(shown, "cannot read the entry (" + e + ")", "the file is damaged; copy it again",
                    e);
        }
    }

    /** {@code FILE!ENTRY}, the name messages show; entry names are data and may hold characters no path can. */
    static Path entryPath(Path file, String entry) {
        try {
            return Path.of(file + "!" + entry);
        } catch (InvalidPathException e) {
            return Path.of(file + "!" + entry.replaceAll("[^A-Za-z0-9._/-]", "_"));
        }
    }

    /** Writes numeric arrays as {@code name.npy} entries, deflated when {@code compressed} (np.savez_compressed). */
    public static void write(Path file, Map<String, NdArray> arrays, boolean compressed) throws IOException {
        AtomicFiles.write(file, raw -> writeEntries(raw, arrays, compressed));
    }

    /** The bytes {@link #write} would write, for callers that store them their own way. */
    public static byte[] toBytes(Map<String, NdArray> arrays, boolean compressed) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            writeEntries(out, arrays, compressed);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeEntries(OutputStream raw, Map<String, NdArray> arrays, boolean compressed)
            throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(raw)) {
            for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
                byte[] bytes = Npy.toBytes(e.getValue());
                ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
                // A fixed time (numpy's zipfile default) so the same arrays always give the same bytes.
                entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
                if (compressed) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    // A stored entry must declare its size and CRC up front.
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was written; a failed close loses nothing.
            }
        }
    }
}
