package io.metroscope.train;

import io.metroscope.format.FormatException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;

/**
 * Writes a dataset in METRO's TSV layout, as {@code tsv_writer} and the {@code tsv_demo_*.py} scripts do:
 * {@code <split>.img.tsv} ({@code key\tbase64(image bytes)}), {@code <split>.label.tsv} ({@code key\t[{...}]}),
 * {@code <split>.hw.tsv} ({@code key\t[{"height": h, "width": w}]}), {@code <split>.linelist.tsv} (every labelled
 * row), a {@code .lineidx} beside each, and {@code <split>.yaml} naming them. Rows are streamed to temporary files
 * that are renamed when {@link #close()} finishes, so a reader never sees half a dataset.
 */
public final class MetroTsvWriter implements AutoCloseable {

    private final Path dir;
    private final String split;
    private final Table img;
    private final Table label;
    private final Table hw;
    private final Table linelist;
    private int rows;
    private boolean closed;

    private MetroTsvWriter(Path dir, String split) throws IOException {
        this.dir = dir;
        this.split = split;
        Files.createDirectories(dir);
        img = new Table(dir.resolve(split + ".img.tsv"));
        label = new Table(dir.resolve(split + ".label.tsv"));
        hw = new Table(dir.resolve(split + ".hw.tsv"));
        linelist = new Table(dir.resolve(split + ".linelist.tsv"));
    }

    /** Starts {@code dir/<split>.*}; {@code split} is e.g. "train" or "valid". */
    public static MetroTsvWriter create(Path dir, String split) throws IOException {
        if (split.isBlank() || split.contains("/") || split.contains("\t")) {
            throw new IllegalArgumentException("split name must be a plain file name prefix: " + split);
        }
        return new MetroTsvWriter(dir, split);
    }

    /**
     * Adds one row: {@code encodedImage} holds the JPEG or PNG file bytes of a {@code width}×{@code height} image
     * (the whole frame; the label's center/scale say where the person is).
     */
    public void add(String key, byte[] encodedImage, int width, int height, MetroTsvLabel annotation)
            throws IOException {
        if (key.isEmpty() || key.contains("\t") || key.contains("\n")) {
            throw new IllegalArgumentException("a row key must be non-empty without tabs or line breaks: " + key);
        }
        img.row(key, Base64.getEncoder().encodeToString(encodedImage));
        label.row(key, annotation.toJson());
        hw.row(key, "[{\"height\": " + height + ", \"width\": " + width + "}]");
        linelist.row(Integer.toString(rows));
        rows++;
    }

    public int rows() {
        return rows;
    }

    /** The yaml that names the files (valid once closed). */
    public Path yaml() {
        return dir.resolve(split + ".yaml");
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (Table t : new Table[] {img, label, hw, linelist}) {
            t.finish();
        }
        String yaml = "img: " + split + ".img.tsv\nlabel: " + split + ".label.tsv\nhw: " + split + ".hw.tsv\n"
                + "linelist: " + split + ".linelist.tsv\n";
        Path tmp = dir.resolve("." + split + ".yaml.tmp");
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
        Files.move(tmp, yaml(), StandardCopyOption.REPLACE_EXISTING);
    }

    /** One TSV and its line index, written through temporary files. */
    private static final class Table {
        private final Path file;
        private final Path index;
        private final Path tmp;
        private final Path indexTmp;
        private final OutputStream out;
        private final OutputStream indexOut;
        private long offset;

        Table(Path file) throws IOException {
            this.file = file;
            this.index = TsvFile.lineIndexOf(file);
            this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
            this.indexTmp = index.resolveSibling(index.getFileName() + ".tmp");
            this.out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
            this.indexOut = new BufferedOutputStream(Files.newOutputStream(indexTmp));
        }

        void row(String... cells) throws IOException {
            byte[] line = (String.join("\t", cells) + "\n").getBytes(StandardCharsets.UTF_8);
            indexOut.write((offset + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(line);
            offset += line.length;
        }

        void finish() throws IOException {
            try {
                out.close();
                indexOut.close();
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                Files.move(indexTmp, index, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new FormatException(file, "could not write the TSV (" + e.getMessage() + ")",
                        "check that the folder is writable and the disk has free space", e);
            }
        }
    }
}
