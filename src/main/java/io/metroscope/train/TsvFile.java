package io.metroscope.train;

import io.metroscope.format.FormatException;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One TSV file of METRO's data layout ({@code metro/utils/tsv_file.py}) read row by row: the byte offset of every
 * row comes from the {@code .lineidx} beside it (the TSV name with its last extension replaced, one decimal offset a
 * line), and a row is read by a positional read at that offset, so multi-gigabyte image TSVs are never loaded. Only
 * the offsets (8 bytes a row) are held. Cells are split on tabs and stripped, as the official reader does.
 * Thread-safe: positional reads share one channel.
 */
public final class TsvFile implements AutoCloseable {

    private static final int CHUNK = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final long[] offsets;
    private final long size;

    private TsvFile(Path file, FileChannel channel, long[] offsets, long size) {
        this.file = file;
        this.channel = channel;
        this.offsets = offsets;
        this.size = size;
    }

    /** The index file of {@code tsv} as the official code names it ({@code a.img.tsv} → {@code a.img.lineidx}). */
    public static Path lineIndexOf(Path tsv) {
        String name = tsv.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return tsv.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".lineidx");
    }

    /**
     * Opens {@code tsv} with its {@code .lineidx}; without one the offsets are found by one streaming pass over the
     * file (as the official {@code generate_lineidx} does, but nothing is written).
     */
    public static TsvFile open(Path tsv) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(tsv, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new FormatException(tsv, "the TSV file does not exist",
                    "check the names in the dataset's yaml (paths are relative to the yaml's folder)", e);
        }
        try {
            long size = channel.size();
            Path index = lineIndexOf(tsv);
            long[] offsets = Files.isRegularFile(index) ? readIndex(index, size) : scan(tsv);
            return new TsvFile(tsv, channel, offsets, size);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static long[] readIndex(Path index, long tsvSize) throws IOException {
        long[] out = new long[1024];
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(index, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                long offset;
                try {
                    offset = Long.parseLong(line);
                } catch (NumberFormatException e) {
                    throw new FormatException(index, "line " + (n + 1) + " is not a byte offset: '" + abbreviate(line)
                            + "'", "delete the .lineidx (it is rebuilt from the TSV) or regenerate it", e);
                }
                if (offset < 0 || offset >= Math.max(1, tsvSize) || (n > 0 && offset <= out[n - 1])) {
                    throw new FormatException(index, "offset " + offset + " on line " + (n + 1)
                            + " does not fit the TSV (" + tsvSize + " bytes, offsets must increase)",
                            "the index belongs to another version of the TSV: delete it or regenerate it");
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = offset;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static long[] scan(Path tsv) throws IOException {
        long[] out = new long[1024];
        int n = 0;
        long pos = 0;
        boolean lineStart = true;
        byte[] buf = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(tsv)) {
            int read;
            while ((read = in.read(buf)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (lineStart) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = pos + i;
                        lineStart = false;
                    }
                    if (buf[i] == '\n') {
                        lineStart = true;
                    }
                }
                pos += read;
            }
        }
        return Arrays.copyOf(out, n);
    }

    public Path file() {
        return file;
    }

    public int rows() {
        return offsets.length;
    }

    /** The cells of row {@code row}, stripped of surrounding white space. */
    public String[] row(int row) throws IOException {
        String[] cells = line(row).split("\t", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    /** The first cell of row {@code row} (its key). */
    public String key(int row) throws IOException {
        String line = line(row);
        int tab = line.indexOf('\t');
        return (tab < 0 ? line : line.substring(0, tab)).strip();
    }

    private String line(int row) throws IOException {
        if (row < 0 || row >= offsets.length) {
            throw new IndexOutOfBoundsException("row " + row + " of " + offsets.length + " in " + file);
        }
        long start = offsets[row];
        if (start > 0) {
            ByteBuffer before = ByteBuffer.allocate(1);
            channel.read(before, start - 1);
            if (before.get(0) != '\n') {
                throw new FormatException(lineIndexOf(file), "row " + row + " does not start after a line break"
                        + " at byte " + start, "the index belongs to another version of the TSV: delete it or"
                        + " regenerate it");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long pos = start;
        while (pos < size) {
            buf.clear();
            int read = channel.read(buf, pos);
            if (read <= 0) {
                break;
            }
            byte[] a = buf.array();
            for (int i = 0; i < read; i++) {
                if (a[i] == '\n') {
                    out.write(a, 0, i);
                    return out.toString(StandardCharsets.UTF_8);
                }
            }
            out.write(a, 0, read);
            pos += read;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
