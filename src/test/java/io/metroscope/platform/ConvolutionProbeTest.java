package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConvolutionProbeTest {

    @Test
    void theReferenceIsAPlainZeroPaddedConvolution() {
        // one channel, 3×3 input 1…9, a 3×3 kernel that sums the neighbourhood, bias 0.5, stride 1, padding 1
        ConvolutionProbe.Case c = new ConvolutionProbe.Case(1, 1, 3, 3, 1);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        float[] b = {0.5f};
        float[] y = {12.5f, 21.5f, 16.5f, 27.5f, 45.5f, 33.5f, 24.5f, 39.5f, 28.5f};
        assertThat(ConvolutionProbe.maxError(c, x, w, b, y)).isZero();
        y[4] = 45.0f;
        assertThat(ConvolutionProbe.maxError(c, x, w, b, y)).isEqualTo(0.5);
        y[8] = Float.NaN;
        assertThat(ConvolutionProbe.maxError(c, x, w, b, y)).isNaN();
        assertThat(new ConvolutionProbe.Result(c, Double.NaN).wrong()).isTrue();
    }

    @Test
    void strideTwoReadsEverySecondPosition() {
        // 1×1 kernel of weight 2, stride 2 on a 4×4 input: the outputs are 2·x at (0,0), (0,2), (2,0), (2,2)
        ConvolutionProbe.Case c = new ConvolutionProbe.Case(1, 1, 4, 1, 2);
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i;
        }
        float[] y = {0, 4, 16, 20};
        assertThat(ConvolutionProbe.maxError(c, x, new float[] {2}, new float[] {0}, y)).isZero();
    }

    /** With the guard applied (as the application does at start-up), libtorch's CPU convolutions are right. */
    @Test
    void libtorchConvolutionsAreRightInThisProcess() {
        for (ConvolutionProbe.Result r : ConvolutionProbe.run()) {
            assertThat(r.wrong()).as(r.shape() + ": max error " + r.maxError() + "; guard: "
                    + CpuKernelGuard.outcome().map(CpuKernelGuard.Outcome::describe).orElse("not applied")).isFalse();
        }
    }
}
