package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.metroscope.body.JointSet;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;

class PoseSamplerTest {

    @TempDir
    Path dir;

    @Test
    void limitsNameTheRigJointsInOrder() {
        assertThat(PoseLimits.body().limits()).extracting(JointLimit::joint).isEqualTo(JointSet.SMPL_24.names());
        assertThat(PoseLimits.hand().limits()).extracting(JointLimit::joint)
                .isEqualTo(JointSet.MANO_21.names().subList(0, 16));
    }

    @Test
    void sampledPosesRespectEveryLimitAndSpanTheRanges() {
        for (TemplateKind kind : TemplateKind.values()) {
            PoseLimits limits = PoseLimits.of(kind);
            PoseSampler sampler = new PoseSampler(limits);
            SplittableRandom r = new SplittableRandom(5);
            int k = limits.jointCount();
            double[] lo = new double[3 * k];
            double[] hi = new double[3 * k];
            java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            for (int n = 0; n < 3000; n++) {
                double[] pose = sampler.sample(r);
                assertThat(pose).hasSize(3 * k);
                assertThat(limits.contains(pose, 0)).as(kind + " pose %d", n).isTrue();
                for (int i = 0; i < pose.length; i++) {
                    lo[i] = Math.min(lo[i], pose[i]);
                    hi[i] = Math.max(hi[i], pose[i]);
                }
            }
            for (int j = 0; j < k; j++) {
                JointLimit l = limits.limits().get(j);
                for (int a = 0; a < 3; a++) {
                    double range = l.max()[a] - l.min()[a];
                    // Most of each range gets used.
                    assertThat(hi[3 * j + a] - lo[3 * j + a]).as(l.joint() + " axis " + a)
                            .isGreaterThanOrEqualTo(0.8 * range);
                }
            }
        }
    }

    @Test
    void rootTurnLimitAndNarrowSpreadKeepPosesNearFrontalAndTypical() {
        PoseLimits limits = PoseLimits.body().withRootTurn(Math.toRadians(60));
        assertThat(limits.limits().get(0).min()[1]).isCloseTo(-Math.PI / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(limits.limits().get(0).max()[0]).isEqualTo(PoseLimits.body().limits().get(0).max()[0]);
        PoseSampler narrow = new PoseSampler(limits, 0.05);
        PoseSampler wide = new PoseSampler(limits, 1);
        SplittableRandom r = new SplittableRandom(9);
        double narrowSpread = 0;
        double wideSpread = 0;
        for (int n = 0; n < 2000; n++) {
            double[] a = narrow.sample(r);
            double[] b = wide.sample(r);
            assertThat(Math.abs(a[1])).isLessThanOrEqualTo(Math.PI / 3);
            assertThat(Math.abs(b[1])).isLessThanOrEqualTo(Math.PI / 3);
            narrowSpread += Math.abs(a[3 * 4] - 0.25);   // left knee flexion about its typical value
            wideSpread += Math.abs(b[3 * 4] - 0.25);
        }
        assertThat(narrowSpread).isLessThan(wideSpread / 2);
    }

    @Test
    void anatomicalSignsInTheTemplateFrame() {
        PoseLimits b = PoseLimits.body();
        // Knees only bend backwards, elbows one way each.
        assertThat(b.limits().get(4).min()[0]).isZero();
        assertThat(b.limits().get(18).min()[1]).isZero();
        assertThat(b.limits().get(19).max()[1]).isZero();
        assertThat(new PoseSampler(b).sample(new SplittableRandom(1)))
                .isEqualTo(new PoseSampler(b).sample(new SplittableRandom(1)));
    }

    @Test
    void shapesAreClipped() {
        ShapeSampler s = ShapeSampler.standard(10);
        SplittableRandom r = new SplittableRandom(3);
        for (int n = 0; n < 2000; n++) {
            double[] betas = s.sample(r);
            assertThat(betas).hasSize(10);
            for (double v : betas) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(2.5);
            }
        }
    }

    @Test
    void readsPosesFromNpzAndJson() throws Exception {
        double[] pose = new double[72];
        pose[5] = 0.25;
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("pose", NdArray.ofDoubles(concat(pose, pose), 2, 72));
        arrays.put("betas", NdArray.ofFloats(new float[] {0.5f, -1f}, 2));
        Path npz = dir.resolve("poses.npz");
        Npz.write(npz, arrays, false);
        List<PoseShape> read = PoseFiles.read(npz, 24);
        assertThat(read).hasSize(2);
        assertThat(read.get(1).pose()[5]).isEqualTo(0.25);
        assertThat(read.get(0).betas()).containsExactly(0.5, -1.0);

        Path json = dir.resolve("pose.json");
        StringBuilder sb = new StringBuilder("{\"pose\": [");
        for (int i = 0; i < 48; i++) {
            sb.append(i == 0 ? "" : ",").append(i == 3 ? "0.5" : "0");
        }
        sb.append("], \"betas\": [1, 2]}");
        Files.writeString(json, sb);
        List<PoseShape> hand = PoseFiles.read(json, 16);
        assertThat(hand).hasSize(1);
        assertThat(hand.get(0).pose()[3]).isEqualTo(0.5);
        assertThat(hand.get(0).betas()).containsExactly(1.0, 2.0);

        assertThatThrownBy(() -> PoseFiles.read(json, 24)).isInstanceOf(FormatException.class)
                .hasMessageContaining("72");
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
