package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OneEuroFilterTest {

    @Test
    void reducesJitterOnANoisyConstant() {
        OneEuroFilter f = new OneEuroFilter(1.0, 0.01, 1.0);
        Random rnd = new Random(7);
        double inVar = 0;
        double outVar = 0;
        int n = 0;
        for (int i = 0; i < 300; i++) {
            double x = 5 + rnd.nextGaussian() * 0.1;
            double y = f.filter(new double[] {x}, i / 30.0)[0];
            if (i >= 30) {
                inVar += (x - 5) * (x - 5);
                outVar += (y - 5) * (y - 5);
                n++;
            }
        }
        assertThat(Math.sqrt(outVar / n)).isLessThan(0.4 * Math.sqrt(inVar / n));
    }

    @Test
    void followsAStep() {
        OneEuroFilter f = new OneEuroFilter(1.0, 0.5, 1.0);
        double y = 0;
        for (int i = 0; i < 30; i++) {
            y = f.filter(new double[] {0}, i / 30.0)[0];
        }
        assertThat(y).isEqualTo(0);
        double afterFew = 0;
        for (int i = 30; i < 60; i++) {
            y = f.filter(new double[] {1}, i / 30.0)[0];
            if (i == 34) {
                afterFew = y;
            }
        }
        assertThat(afterFew).isGreaterThan(0.5); // fast motion opens the cutoff: little lag
        assertThat(y).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void firstSamplePassesAndFloatsWork() {
        OneEuroFilter f = new OneEuroFilter(1.0, 0.0, 1.0);
        assertThat(f.filter(new float[] {1, 2, 3}, 0)).containsExactly(1, 2, 3);
        float[] y = f.filter(new float[] {2, 2, 2}, 0.1);
        assertThat(y[0]).isBetween(1f, 2f);
        assertThat(y[2]).isBetween(2f, 3f);
    }
}
