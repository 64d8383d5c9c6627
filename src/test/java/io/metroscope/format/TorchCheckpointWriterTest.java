package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointWriterTest {

    @TempDir
    Path temp;

    private static NdArray raw(DType dtype, int[] shape, ByteOrder order) {
        int n = Strided.elementCount(shape);
        ByteBuffer b = ByteBuffer.allocate(n * dtype.byteSize()).order(order);
        for (int i = 0; i < n; i++) {
            int at = i * dtype.byteSize();
            switch (dtype) {
                case FLOAT16: b.putShort(at, (short) (0xBC00 + 37 * i)); break;
                case BFLOAT16: b.putShort(at, (short) (Float.floatToIntBits(i * 0.25f - 1) >>> 16)); break;
                case INT8: case UINT8: b.put(at, (byte) (i * 37 - 100)); break;
                case BOOL: b.put(at, (byte) (i % 3 == 0 ? 1 : 0)); break;
                case INT16: b.putShort(at, (short) (i * 1000 - 7000)); break;
                case INT32: b.putInt(at, i * 100_000 - 1_000_000); break;
                case INT64: b.putLong(at, i * 10_000_000_000L - 5); break;
                case FLOAT32: b.putFloat(at, i * 1.5f - 2.25f); break;
                case FLOAT64: b.putDouble(at, Math.PI * i - 1e300 * (i % 2)); break;
                default: throw new IllegalArgumentException(dtype.toString());
            }
        }
        return new NdArray(dtype, shape, b, null);
    }

    @Test
    void roundTripsEveryWritableDtypeInOrderThroughOurReader() throws IOException {
        Map<String, NdArray> in = new LinkedHashMap<>();
        int[][] shapes = {{2, 3}, {5}, {}, {2, 0, 3}, {1, 2, 2}};
        int s = 0;
        // Not alphabetical, so that order must come from the file.
        for (DType dtype : new DType[] {DType.INT64, DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16,
                DType.INT8, DType.UINT8, DType.INT16, DType.INT32, DType.BOOL}) {
            int[] shape = shapes[s++ % shapes.length];
            in.put("z" + dtype.name().toLowerCase() + ".w", raw(dtype, shape, ByteOrder.LITTLE_ENDIAN));
        }
        in.put("big_endian.f32", raw(DType.FLOAT32, new int[] {3, 4}, ByteOrder.BIG_ENDIAN));
        in.put("big_endian.i64", raw(DType.INT64, new int[] {7}, ByteOrder.BIG_ENDIAN));
        in.put("naïve.ünïcode", raw(DType.FLOAT32, new int[] {300, 70}, ByteOrder.LITTLE_ENDIAN));
        Path file = temp.resolve("model.pth");

        TorchCheckpointWriter.write(file, in);

        StateDict read = TorchCheckpointReader.read(file);
        assertThat(read.format()).isEqualTo(StateDict.Format.ZIP);
        assertThat(read.keys()).containsExactlyElementsOf(in.keySet());
        for (Map.Entry<String, NdArray> e : in.entrySet()) {
            TorchTensor t = read.tensor(e.getKey());
            assertThat(t.dtype()).as(e.getKey()).isEqualTo(e.getValue().dtype());
            assertThat(t.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
            assertThat(t.isContiguous()).isTrue();
            NdArray back = t.dtype() == DType.BFLOAT16 ? null : t.toNdArray();
            if (back != null) {
                assertThat(back.sameContent(e.getValue())).as(e.getKey()).isTrue();
            } else {
                assertThat(t.toDoubleArray()).as(e.getKey()).containsExactly(e.getValue().toDoubleArray());
            }
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void storagesAreStoredAndAlignedTo64Bytes() throws IOException {
        Path file = temp.resolve("a.pt");
        Map<String, NdArray> in = new LinkedHashMap<>();
        in.put("a", NdArray.ofFloats(new float[] {1, 2, 3}, 3));
        in.put("bb", NdArray.ofLongs(new long[] {4, 5}, 2));
        in.put("ccc", NdArray.ofDoubles(new double[] {6}, 1));
        TorchCheckpointWriter.write(file, in);
        try (FileChannel ch = FileChannel.open(file)) {
            ZipDirectory zip = ZipDirectory.read(file, ch);
            assertThat(zip.names()).contains("archive/data.pkl", "archive/version", "archive/byteorder",
                    "archive/data/0", "archive/data/1", "archive/data/2");
            assertThat(new String(zip.readBytes(zip.entries().get("archive/version")))).isEqualTo("3\n");
            for (ZipDirectory.Entry e : zip.entries().values()) {
                assertThat(e.method()).isEqualTo(ZipDirectory.STORED);
                ByteBuffer local = ZipDirectory.readAt(ch, e.headerOffset(), 30);
                long start = e.headerOffset() + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
                assertThat(start % 64).as(e.name()).isZero();
                zip.readBytes(e); // CRC checked
            }
        }
        // java.util.zip agrees that it is a valid zip.
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
            assertThat(z.size()).isEqualTo(6);
        }
    }

    @Test
    void replacesAnExistingFileOnlyOnCommit() throws IOException {
        Path file = temp.resolve("keep.pt");
        Files.writeString(file, "old");
        try (TorchCheckpointWriter w = TorchCheckpointWriter.create(file)) {
            w.add("x", NdArray.ofFloats(new float[] {1}, 1));
            assertThatThrownBy(() -> w.add("x", NdArray.ofFloats(new float[] {2}, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already added");
            // No commit: closing discards.
        }
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).containsExactly(file);
        }
        TorchCheckpointWriter.write(file, Map.of("y", NdArray.ofInts(new int[] {7, 8}, 2)));
        assertThat(TorchCheckpointReader.read(file).tensor("y").toLongArray()).containsExactly(7, 8);
    }

    @Test
    void refusesTypesTorchCannotStore() {
        Path file = temp.resolve("u.pt");
        NdArray u16 = new NdArray(DType.UINT16, new int[] {1}, ByteBuffer.allocate(2), null);
        assertThatThrownBy(() -> TorchCheckpointWriter.write(file, Map.of("u", u16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UINT16");
        assertThat(file).doesNotExist();
    }

    @Test
    void largeIntegersUseLong1InThePickle() throws IOException {
        // A storage with more than 2^31 elements cannot be made here; check the emitter directly.
        TorchCheckpointWriter.PickleEmitter p = new TorchCheckpointWriter.PickleEmitter();
        p.proto(2);
        p.mark();
        for (long v : new long[] {0, 255, 256, 65535, 65536, -1, Integer.MAX_VALUE, 1L << 33, Long.MIN_VALUE}) {
            p.integer(v);
        }
        p.tuple();
        p.stop();
        Object back = SafeUnpickler.load(p.toByteArray(), null, PickleAllowlist.TORCH_CHECKPOINT);
        assertThat((Object[]) back).extracting(o -> ((Number) o).longValue())
                .containsExactly(0L, 255L, 256L, 65535L, 65536L, -1L, (long) Integer.MAX_VALUE, 1L << 33,
                        Long.MIN_VALUE);
    }
}
