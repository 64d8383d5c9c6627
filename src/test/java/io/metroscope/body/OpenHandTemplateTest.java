package io.metroscope.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenHandTemplateTest {
    static OpenTemplate hand;

    @BeforeAll
    static void generate() {
        long t0 = System.nanoTime();
        hand = HandGenerator.generate(0);
        System.out.println("hand generated in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Test
    void meshIsClosedManifoldWithTheRightCounts() {
        MetroTemplate t = hand.template();
        System.out.println("hand V=" + t.fullVertexCount() + " F=" + t.faces().length / 3 + " coarse="
                + t.coarseVertexCount());
        assertThat(t.fullVertexCount()).isEqualTo(778);
        assertThat(t.coarseVertexCount()).isEqualTo(195);
        assertThat(MeshOps.isClosedManifold(t.faces(), 778)).isTrue();
        assertThat(MeshOps.isClosedManifold(hand.rig().coarseFaces(), 195)).isTrue();
        assertThat(MeshOps.volume(t.fullVertices(), t.faces())).isPositive();
    }

    @Test
    void contactSheet() throws Exception {
        SmplModel model = hand.model();
        Random random = new Random(11);
        ContactSheet sheet = new ContactSheet(300, 8, 6);
        for (int p = 0; p < 21; p++) {
            double[] pose = new double[48];
            if (p > 0) {
                for (int i = 3; i < 48; i++) {
                    pose[i] = random.nextGaussian() * 0.3;
                }
                // Mostly curl the fingers (about the axis across the palm).
                for (int k = 1; k < 16; k++) {
                    pose[3 * k] += Math.abs(random.nextGaussian()) * 0.6;
                }
            }
            double[] verts = LinearBlendSkinning.pose(model, pose, new double[0]).vertices();
            sheet.draw(2 * p, verts, hand.template().faces(), 0, 0.26);
            sheet.draw(2 * p + 1, verts, hand.template().faces(), 1, 0.26);
        }
        sheet.draw(42, hand.template().coarseVertices(), hand.rig().coarseFaces(), 0, 0.26);
        for (int s = 0; s < 5; s++) {
            double[] b = new double[5];
            b[s] = 3;
            sheet.draw(43 + s, LinearBlendSkinning.pose(model, new double[48], b).vertices(), hand.template().faces(),
                    0, 0.26);
        }
        sheet.write(Path.of("target/contact-sheets/hand.png"));
    }
}
