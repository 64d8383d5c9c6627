package io.metroscope.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenBodyTemplateTest {
    static OpenTemplate body;
    static long millis;

    @BeforeAll
    static void generate() {
        long t0 = System.nanoTime();
        body = MannequinGenerator.generate(0);
        millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("body generated in " + millis + " ms");
    }

    @Test
    void meshIsClosedManifoldWithTheRightCounts() {
        MetroTemplate t = body.template();
        System.out.println("body V=" + t.fullVertexCount() + " F=" + t.faces().length / 3 + " mid="
                + t.midVertices().length / 3 + " coarse=" + t.coarseVertexCount());
        assertThat(t.fullVertexCount()).isEqualTo(6890);
        assertThat(MeshOps.isClosedManifold(t.faces(), t.fullVertexCount())).isTrue();
        assertThat(MeshOps.isClosedManifold(body.rig().midFaces(), 1723)).isTrue();
        assertThat(MeshOps.isClosedManifold(body.rig().coarseFaces(), 431)).isTrue();
        double[] angles = MeshOps.minAngles(t.fullVertices(), t.faces());
        double min = 10;
        double mean = 0;
        for (double a : angles) {
            min = Math.min(min, a);
            mean += a / angles.length;
        }
        System.out.println("body min angle " + Math.toDegrees(min) + " mean min angle " + Math.toDegrees(mean));
        assertThat(min).isGreaterThan(Math.toRadians(1));
    }

    @Test
    void contactSheet() throws Exception {
        OpenTemplate t = body;
        SmplModel model = t.model();
        Random random = new Random(7);
        ContactSheet sheet = new ContactSheet(300, 8, 6);
        for (int p = 0; p < 21; p++) {
            double[] pose = new double[72];
            double[] betas = new double[0];
            if (p > 0) {
                for (int i = 3; i < 72; i++) {
                    pose[i] = random.nextGaussian() * 0.35;
                }
            }
            double[] verts = LinearBlendSkinning.pose(model, pose, betas).vertices();
            sheet.draw(2 * p, verts, t.template().faces(), 0, 2.0);
            sheet.draw(2 * p + 1, verts, t.template().faces(), 1, 2.0);
        }
        sheet.draw(42, t.template().midVertices(), t.rig().midFaces(), 0, 2.0);
        sheet.draw(43, t.template().coarseVertices(), t.rig().coarseFaces(), 0, 2.0);
        for (int s = 0; s < 4; s++) {
            double[] b = new double[10];
            b[s * 2 == 0 ? 0 : s * 2] = 3;
            b[s == 0 ? 0 : 2 * s] = 3;
            sheet.draw(44 + s, LinearBlendSkinning.pose(model, new double[72], b).vertices(), t.template().faces(), 0,
                    2.0);
        }
        sheet.write(Path.of("target/contact-sheets/body.png"));
    }
}
