package io.metroscope.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The central directory of a zip file read straight from a FileChannel, so that STORED entries can be
 * memory-mapped in place (java.util.zip does not tell where an entry's data starts).
 */
final class ZipDirectory {
    static final int STORED = 0;
    static final int DEFLATED = 8;
    private static final long MAX_DEFLATE_RATIO = 1032;

    /** One entry; {@code headerOffset} is where its local file header starts. */
    record Entry(String name, int method, long compressedSize, long size, long crc, long headerOffset) {
    }

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final Map<String, Entry> entries;

    private ZipDirectory(Path file, FileChannel channel, long fileSize, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
        this.entries = entries;
    }

    /** Reads the directory; {@code file} names the data in messages (it may be a temp copy's original). */
    static ZipDirectory read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        int tail = (int) Math.min(size, 22 + 65535);
        ByteBuffer end = readAt(channel, size - tail, tail);
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw corrupt(file, "no zip end-of-central-directory record (the file is truncated or not a zip)");
        }
        long count = end.getShort(eocd + 10) & 0xFFFFL;
        long directorySize = end.getInt(eocd + 12) & 0xFFFFFFFFL;
        long directoryOffset = end.getInt(eocd + 16) & 0xFFFFFFFFL;
        long eocdPosition = size - tail + eocd;
        if ((count == 0xFFFF || directoryOffset == 0xFFFFFFFFL || directorySize == 0xFFFFFFFFL) && eocdPosition >= 20) {
            ByteBuffer locator = readAt(channel, eocdPosition - 20, 20);
            if (locator.getInt(0) == 0x07064b50) {
                long zip64End = locator.getLong(8);
                if (zip64End < 0 || zip64End + 56 > size) {
                    throw corrupt(file, "zip64 end record points outside the file");
                }
                ByteBuffer record = readAt(channel, zip64End, 56);
                if (record.getInt(0) != 0x06064b50) {
                    throw corrupt(file, "zip64 end record signature is wrong");
                }
                count = record.getLong(32);
                directorySize = record.getLong(40);
                directoryOffset = record.getLong(48);
            }
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize > size
                || directorySize > Integer.MAX_VALUE) {
            throw corrupt(file, "the zip central directory lies outside the file (truncated?)");
        }
        ByteBuffer dir = readAt(channel, directoryOffset, (int) directorySize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = 0;
        for (long n = 0; n < count; n++) {
            if (p + 46 > dir.limit() || dir.getInt(p) != 0x02014b50) {
                throw corrupt(file, "zip central directory entry " + n + " is damaged");
            }
            int method = dir.getShort(p + 10) & 0xFFFF;
            long crc = dir.getInt(p + 16) & 0xFFFFFFFFL;
            long compressed = dir.getInt(p + 20) & 0xFFFFFFFFL;
            long uncompressed = dir.getInt(p + 24) & 0xFFFFFFFFL;
            int nameLength = dir.getShort(p + 28) & 0xFFFF;
            int extraLength = dir.getShort(p + 30) & 0xFFFF;
            int commentLength = dir.getShort(p + 32) & 0xFFFF;
            long headerOffset = dir.getInt(p + 42) & 0xFFFFFFFFL;
            if (p + 46 + nameLength + extraLength + commentLength > dir.limit()) {
                throw corrupt(file, "zip central directory entry " + n + " is damaged");
            }
            byte[] nameBytes = new byte[nameLength];
            dir.get(p + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            // zip64: the 0xFFFFFFFF fields are in the extra block, in this order.
            int extra = p + 46 + nameLength;
            int extraEnd = extra + extraLength;
            while (extra + 4 <= extraEnd) {
                int id = dir.getShort(extra) & 0xFFFF;
                int length = dir.getShort(extra + 2) & 0xFFFF;
                if (id == 0x0001) {
                    int q = extra + 4;
                    if (uncompressed == 0xFFFFFFFFL && q + 8 <= extraEnd) {
                        uncompressed = dir.getLong(q);
                        q += 8;
                    }
                    if (compressed == 0xFFFFFFFFL && q + 8 <= extraEnd) {
                        compressed = dir.getLong(q);
                        q += 8;
                    }
                    if (headerOffset == 0xFFFFFFFFL && q + 8 <= extraEnd) {
                        headerOffset = dir.getLong(q);
                    }
                }
                extra += 4 + length;
            }
            entries.put(name, new Entry(name, method, compressed, uncompressed, crc, headerOffset));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return new ZipDirectory(file, channel, size, Collections.unmodifiableMap(entries));
    }

    Map<String, Entry> entries() {
        return entries;
    }

    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /** A read-only little-endian view of a STORED entry, memory-mapped (no copy into the heap). */
    ByteBuffer map(Entry entry) throws IOException {
        if (entry.method() != STORED) {
            return ByteBuffer.wrap(readBytes(entry)).order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        long start = dataStart(entry);
        if (entry.size() != entry.compressedSize()) {
            throw corrupt(file, "stored entry " + entry.name() + " declares " + entry.size() + " bytes but holds "
                    + entry.compressedSize());
        }
        if (entry.size() > Integer.MAX_VALUE) {
            throw new FormatException(file, "entry " + entry.name() + " is larger than 2 GiB",
                    "split the tensor or array into smaller pieces");
        }
        return channel.map(FileChannel.MapMode.READ_ONLY, start, entry.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The entry's bytes in the heap, inflated if needed and checked against its CRC. */
    byte[] readBytes(Entry entry) throws IOException {
        long start = dataStart(entry);
        if (entry.size() > Integer.MAX_VALUE - 8 || entry.compressedSize() > Integer.MAX_VALUE - 8) {
            throw new FormatException(file, "entry " + entry.name() + " is larger than 2 GiB",
                    "split the data into smaller pieces");
        }
        // Deflate cannot expand more than 1032:1, so a larger declared size is forged: refuse it before allocating.
        if (entry.method() == DEFLATED && entry.size() > entry.compressedSize() * MAX_DEFLATE_RATIO + 1024) {
            throw corrupt(file, "entry " + entry.name() + " claims to inflate " + entry.compressedSize() + " bytes to "
                    + entry.size() + ", more than deflate can");
        }
        ByteBuffer stored = readAt(channel, start, (int) entry.compressedSize());
        byte[] bytes;
        if (entry.method() == STORED) {
            bytes = new byte[stored.remaining()];
            stored.get(bytes);
        } else if (entry.method() == DEFLATED) {
            bytes = new byte[(int) entry.size()];
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(stored);
                int n = 0;
                while (n < bytes.length && !inflater.finished()) {
                    int got = inflater.inflate(bytes, n, bytes.length - n);
                    if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += got;
                }
                if (n != bytes.length) {
                    throw corrupt(file, "entry " + entry.name() + " inflates to " + n + " bytes, expected "
                            + bytes.length);
                }
            } catch (DataFormatException e) {
                throw new FormatException(file, "entry " + entry.name() + " is not valid deflate data ("
                        + e.getMessage() + ")", "the file is damaged; obtain a fresh copy", e);
            } finally {
                inflater.end();
            }
        } else {
            throw new FormatException(file, "entry " + entry.name() + " uses zip compression method "
                    + entry.method() + ", only stored and deflate are supported", "re-save the file");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (crc.getValue() != entry.crc()) {
            throw corrupt(file, "entry " + entry.name() + " fails its CRC check");
        }
        return bytes;
    }

    private long dataStart(Entry entry) throws IOException {
        long header = entry.headerOffset();
        if (header < 0 || header + 30 > fileSize) {
            throw corrupt(file, "entry " + entry.name() + " starts outside the file (truncated?)");
        }
        ByteBuffer local = readAt(channel, header, 30);
        if (local.getInt(0) != 0x04034b50) {
            throw corrupt(file, "entry " + entry.name() + " has a damaged local header");
        }
        long start = header + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
        if (start + entry.compressedSize() > fileSize) {
            throw corrupt(file, "entry " + entry.name() + " ends after the end of the file (truncated?)");
        }
        return start;
    }

    static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new java.io.EOFException("unexpected end of file at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static FormatException corrupt(Path file, String problem) {
        return new FormatException(file, problem, "the file is damaged or incomplete; download or copy it again");
    }
}
