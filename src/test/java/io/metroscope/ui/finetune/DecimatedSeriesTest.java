package io.metroscope.ui.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class DecimatedSeriesTest {

    @Test
    void keepsEveryPointUntilFull() {
        DecimatedSeries s = new DecimatedSeries(8);
        for (int i = 0; i < 8; i++) {
            s.add(i, 10 * i);
        }
        assertThat(s.size()).isEqualTo(8);
        assertThat(s.stride()).isEqualTo(1);
        assertThat(s.x(7)).isEqualTo(7);
        assertThat(s.y(7)).isEqualTo(70);
    }

    @Test
    void aLongRunStaysBoundedAndSpansTheWholeRange() {
        DecimatedSeries s = new DecimatedSeries(100);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            s.add(i, 2.0 * i + 1);
        }
        assertThat(s.size()).isBetween(50, 101);
        assertThat(s.added()).isEqualTo(n);
        assertThat(s.x(0)).isLessThan(n / 50.0);
        assertThat(s.x(s.size() - 1)).isGreaterThan(n - n / 50.0);
        // Each kept point is the mean of the raw points it stands for: on a line it stays on the line.
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.y(i)).isCloseTo(2 * s.x(i) + 1, offset(1e-6));
        }
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.x(i)).isGreaterThan(s.x(i - 1));
        }
    }

    @Test
    void skipsValuesAChartCannotPlaceAndClears() {
        DecimatedSeries s = new DecimatedSeries(4);
        s.add(0, Double.NaN);
        s.add(1, Double.POSITIVE_INFINITY);
        s.add(2, 3);
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.added()).isEqualTo(1);
        s.clear();
        assertThat(s.size()).isZero();
    }
}
