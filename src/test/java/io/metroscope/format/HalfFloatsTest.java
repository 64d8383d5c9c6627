package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void everyFiniteHalfSurvivesTheRoundTrip() {
        for (int h = 0; h < 0x10000; h++) {
            short half = (short) h;
            float f = HalfFloats.halfToFloat(half);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(HalfFloats.halfToFloat(HalfFloats.floatToHalf(f)))).isTrue();
            } else {
                assertThat(HalfFloats.floatToHalf(f)).as("half 0x%04x", h).isEqualTo(half);
            }
        }
    }

    @Test
    void roundsToNearestWithTiesToEven() {
        // 1 + 2^-11 lies halfway between 1 and the next half 1 + 2^-10: ties go to the even one, 1.
        assertThat(HalfFloats.floatToHalf(1f + 0x1p-11f)).isEqualTo((short) 0x3C00);
        // 1 + 3·2^-11 lies halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even): rounds up.
        assertThat(HalfFloats.floatToHalf(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3C02);
        assertThat(HalfFloats.floatToHalf(1f + 0x1p-11f + 0x1p-20f)).isEqualTo((short) 0x3C01);
        assertThat(HalfFloats.floatToHalf(65520f)).isEqualTo((short) 0x7C00);   // rounds past the largest half
        assertThat(HalfFloats.floatToHalf(65519f)).isEqualTo((short) 0x7BFF);
        assertThat(HalfFloats.floatToHalf(0x1p-25f)).isEqualTo((short) 0);     // tie with the smallest subnormal
        assertThat(HalfFloats.floatToHalf(0x1.8p-25f)).isEqualTo((short) 1);
        assertThat(HalfFloats.floatToHalf(-0x1p-14f)).isEqualTo((short) 0x8400);
        assertThat(HalfFloats.floatToHalf(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
    }

    @Test
    void ndArrayOfHalfsReadsBackRounded() {
        NdArray a = NdArray.ofHalfs(new float[] {0.1f, -2.5f, 1e-3f, 3e4f}, 2, 2);
        assertThat(a.dtype()).isEqualTo(DType.FLOAT16);
        assertThat(a.getDouble(0)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(a.getDouble(1)).isEqualTo(-2.5);
        assertThat(a.getDouble(3)).isEqualTo(30000.0); // a multiple of the half spacing 16 there: exact
    }
}
