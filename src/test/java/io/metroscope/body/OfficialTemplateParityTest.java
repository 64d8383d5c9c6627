package io.metroscope.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.metroscope.format.Npz;

/** Templates built from the parity fixtures equal the official network's {@code ref_vertices}. */
class OfficialTemplateParityTest {
    private static final double TOLERANCE = 1e-6;

    @TempDir
    static Path tmp;

    private static double[] bodyExpected;
    private static double[] handExpected;

    @BeforeAll
    static void readExpected() throws IOException {
        bodyExpected = expectedTemplate("fixtures/parity/body-tiny/expected.npz.gz", "body");
        handExpected = expectedTemplate("fixtures/parity/hand-tiny/expected.npz.gz", "hand");
    }

    private static double[] expectedTemplate(String relative, String folder) throws IOException {
        Path dir = tmp.resolve(folder);
        java.nio.file.Files.createDirectories(dir);
        try (Npz npz = Npz.open(SharedData.gunzip(relative, dir))) {
            return npz.get("template").toDoubleArray();
        }
    }

    @Test
    void bodyFromPickleMatchesOfficialTemplate() throws IOException {
        Path pkl = SharedData.gunzip("fixtures/parity/body-tiny/smpl_fake.pkl.gz", tmp);
        MetroTemplate template = new TemplateBuilder().buildBody(pkl, SharedData.require("metro-data"));
        assertBody(template, "pkl");
    }

    @Test
    void bodyFromGzippedPickleAndNpzMatchOfficialTemplate() throws IOException {
        Path metroData = SharedData.require("metro-data");
        assertBody(new TemplateBuilder().buildBody(SharedData.require("fixtures/parity/body-tiny/smpl_fake.pkl.gz"),
                metroData), "pkl.gz");
        assertBody(new TemplateBuilder().buildBody(SharedData.require("fixtures/parity/body-tiny/smpl_fake.npz"),
                metroData), "npz");
    }

    @Test
    void bodyMeshEqualsTheClosedFormRootRotation() throws IOException {
        // With betas 0 and only the root rotated, SMPL reduces to V = R0·(v_template − J0) + J0.
        SmplModel smpl = SmplModelReader.read(SharedData.require("fixtures/parity/body-tiny/smpl_fake.npz"));
        double[] r = Rodrigues.toMatrix(OfficialTemplates.BODY_ROOT_ROTATION, 0, 0);
        double[] vt = smpl.vTemplate();
        double[] j0 = smpl.jointRegressor().multiply(vt, 3);
        double[] expected = new double[vt.length];
        for (int i = 0; i < vt.length / 3; i++) {
            for (int row = 0; row < 3; row++) {
                double sum = j0[row];
                for (int c = 0; c < 3; c++) {
                    sum += r[3 * row + c] * (vt[3 * i + c] - j0[c]);
                }
                expected[3 * i + row] = sum;
            }
        }
        assertThat(SharedData.maxAbsDiff(OfficialTemplates.bodyMesh(smpl), expected)).isLessThan(1e-12);
    }

    @Test
    void handFromStandInMatchesOfficialTemplate() throws IOException {
        MetroTemplate template = new TemplateBuilder().buildHand(
                SharedData.require("fixtures/parity/hand-tiny/template.npz"), SharedData.require("metro-data"));
        assertThat(template.kind()).isEqualTo(TemplateKind.HAND);
        assertThat(template.fullVertexCount()).isEqualTo(778);
        assertThat(template.coarseVertexCount()).isEqualTo(195);
        assertThat(template.tokenCount()).isEqualTo(216);
        double error = SharedData.maxAbsDiff(template.refVertices(), handExpected);
        System.out.printf("hand template max abs error vs expected.npz: %.3g%n", error);
        assertThat(error).isLessThanOrEqualTo(TOLERANCE);
    }

    private static void assertBody(MetroTemplate template, String source) {
        assertThat(template.kind()).isEqualTo(TemplateKind.BODY);
        assertThat(template.fullVertexCount()).isEqualTo(6890);
        assertThat(template.midVertices()).hasSize(1723 * 3);
        assertThat(template.coarseVertexCount()).isEqualTo(431);
        assertThat(template.tokenCount()).isEqualTo(445);
        assertThat(template.tokenJointNames()).hasSize(14);
        double error = SharedData.maxAbsDiff(template.refVertices(), bodyExpected);
        System.out.printf("body template (%s) max abs error vs expected.npz: %.3g%n", source, error);
        assertThat(error).isLessThanOrEqualTo(TOLERANCE);
    }
}
