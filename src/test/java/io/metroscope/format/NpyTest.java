package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path temp;

    @Test
    void readsEveryDtypeOrderAndEndiannessLikeNumpy() throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = Fixtures.expected().get("npy").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            NdArray array = Npy.read(Fixtures.resource(e.getKey() + ".npy"));
            assertExpected(e.getKey(), array, e.getValue());
        }
    }

    @Test
    void readsStoredAndCompressedNpz() throws IOException {
        for (String name : new String[] {"arrays_stored.npz", "arrays_compressed.npz"}) {
            Map<String, NdArray> arrays = Npz.read(Fixtures.resource(name));
            assertThat(arrays.keySet()).containsExactly("f32_c", "f64_fortran", "i64_big", "bool_3d", "scalar");
            arrays.forEach((key, array) -> assertExpected(name + ":" + key, array,
                    Fixtures.expected().get("npy").get(key)));
        }
    }

    @Test
    void writtenFilesReadBackExactly() throws IOException {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("floats", NdArray.ofFloats(new float[] {1.5f, -2f, 3.25f, 0f, Float.MIN_VALUE, 7f}, 2, 3));
        arrays.put("doubles", NdArray.ofDoubles(new double[] {Math.PI}, 1));
        arrays.put("ints", NdArray.ofInts(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3));
        arrays.put("longs", NdArray.ofLongs(new long[] {Long.MIN_VALUE, 5}, 2, 1));
        arrays.put("bools", NdArray.ofBooleans(new boolean[] {true, false}, 2));
        arrays.put("scalar", NdArray.ofDoubles(new double[] {2.5}));
        arrays.put("empty", NdArray.ofFloats(new float[0], 0, 4));
        arrays.put("big_endian_source", Npy.read(Fixtures.resource("i64_big.npy")));

        for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
            Path npy = temp.resolve(e.getKey() + ".npy");
            Npy.write(npy, e.getValue());
            assertThat(Files.size(npy) - e.getValue().size() * e.getValue().dtype().byteSize()).isEqualTo(128);
            assertThat(Npy.read(npy).sameContent(e.getValue())).as(e.getKey()).isTrue();
        }
        for (boolean compressed : new boolean[] {false, true}) {
            Path npz = temp.resolve("all" + compressed + ".npz");
            Npz.write(npz, arrays, compressed);
            Map<String, NdArray> back = Npz.read(npz);
            assertThat(back.keySet()).containsExactlyElementsOf(arrays.keySet());
            back.forEach((k, v) -> assertThat(v.sameContent(arrays.get(k))).as(k).isTrue());
        }
    }

    @Test
    void writtenHeaderMatchesNumpy() throws IOException {
        // Byte for byte what numpy 1.24 writes for np.save(f, np.array([1.5, -2.0, 3.25, 4.0, 5.5, -6.0],
        // dtype='<f4').reshape(2, 3)) is the committed f32_c.npy for the same values.
        Path npy = temp.resolve("f32.npy");
        Npy.write(npy, NdArray.ofFloats(new float[] {1.5f, -2f, 3.25f, 4f, 5.5f, -6f}, 2, 3));
        assertThat(Files.readAllBytes(npy)).isEqualTo(Files.readAllBytes(Fixtures.resource("f32_c.npy")));
        Path bools = temp.resolve("bool.npy");
        Npy.write(bools, Npy.read(Fixtures.resource("bool_3d.npy")));
        assertThat(Files.readAllBytes(bools)).isEqualTo(Files.readAllBytes(Fixtures.resource("bool_3d.npy")));
    }

    @Test
    void refusesBrokenFilesWithClearMessages() throws IOException {
        Path notNpy = Files.write(temp.resolve("text.npy"), "hello world, not numpy".getBytes());
        assertThatThrownBy(() -> Npy.read(notNpy)).isInstanceOf(FormatException.class)
                .hasMessageContaining("text.npy").hasMessageContaining("not a NumPy .npy file");

        byte[] full = Files.readAllBytes(Fixtures.resource("f64_fortran.npy"));
        Path cut = Files.write(temp.resolve("cut.npy"), java.util.Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> Npy.read(cut)).isInstanceOf(FormatException.class)
                .hasMessageContaining("truncated");

        Path cutHeader = Files.write(temp.resolve("cut_header.npy"), java.util.Arrays.copyOf(full, 40));
        assertThatThrownBy(() -> Npy.read(cutHeader)).isInstanceOf(FormatException.class)
                .hasMessageContaining("truncated");

        byte[] npz = Files.readAllBytes(Fixtures.resource("arrays_compressed.npz"));
        Path cutZip = Files.write(temp.resolve("cut.npz"), java.util.Arrays.copyOf(npz, npz.length / 2));
        assertThatThrownBy(() -> Npz.read(cutZip)).isInstanceOf(FormatException.class)
                .hasMessageContaining("cut.npz").hasMessageContaining("truncated");

        // Damage the deflate stream of the first entry: the CRC or the inflater must notice.
        byte[] damaged = npz.clone();
        for (int i = 80; i < 120; i++) {
            damaged[i] ^= 0x5A;
        }
        Path bad = Files.write(temp.resolve("bad.npz"), damaged);
        assertThatThrownBy(() -> Npz.read(bad)).isInstanceOf(FormatException.class).hasMessageContaining("bad.npz");

        try (Npz archive = Npz.open(Fixtures.resource("arrays_stored.npz"))) {
            assertThatThrownBy(() -> archive.get("nope")).isInstanceOf(FormatException.class)
                    .hasMessageContaining("no array 'nope'");
        }
    }

    static void assertExpected(String what, NdArray array, JsonNode want) {
        assertThat(array.shape()).as(what).containsExactly(TorchCheckpointReaderTest.ints(want.get("shape")));
        String descr = want.get("descr").asText();
        assertThat(array.dtype()).as(what).isEqualTo(DType.fromNumpyCode(descr.substring(1)).orElseThrow());
        JsonNode values = want.get("values");
        assertThat(array.size()).as(what).isEqualTo(values.size());
        for (int i = 0; i < values.size(); i++) {
            if (array.dtype().isFloatingPoint()) {
                assertThat(array.getDouble(i)).as(what + "[" + i + "]").isEqualTo(values.get(i).asDouble());
            } else {
                assertThat(array.getLong(i)).as(what + "[" + i + "]").isEqualTo(values.get(i).asLong());
            }
        }
    }
}
