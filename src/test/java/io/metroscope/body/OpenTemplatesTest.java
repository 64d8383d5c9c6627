package io.metroscope.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties of both open templates, their files and determinism. Set -Dopentemplates.refresh=true to rewrite templates/. */
class OpenTemplatesTest {

    @ParameterizedTest
    @EnumSource(TemplateKind.class)
    void templatesAreSoundDeterministicAndCommitted(TemplateKind kind, @TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        OpenTemplate t = OpenTemplates.generate(kind, 0, dir.resolve("a.npz"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        MetroTemplate m = t.template();
        TemplateRig rig = t.rig();
        int v = m.fullVertexCount();
        int k = rig.jointCount();

        // Closed, manifold, outward, no degenerate faces.
        assertThat(MeshOps.isClosedManifold(m.faces(), v)).isTrue();
        assertThat(MeshOps.volume(m.fullVertices(), m.faces())).isPositive();
        for (double a : MeshOps.minAngles(m.fullVertices(), m.faces())) {
            assertThat(a).isGreaterThan(Math.toRadians(1));
        }

        // Skinning weights: sum 1, at most 4 influences.
        for (int i = 0; i < v; i++) {
            double sum = 0;
            int nz = 0;
            for (int j = 0; j < k; j++) {
                sum += rig.weights()[i * k + j];
                nz += rig.weights()[i * k + j] != 0 ? 1 : 0;
            }
            assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(nz).isBetween(1, 4);
        }

        // Regressors reproduce the generated joints; rows sum to 1.
        double[] rest = rig.skeletonRegressor().multiply(m.fullVertices(), 3);
        double err = maxDiff(rest, rig.restJoints());
        double[] tokens = rig.tokenRegressor().multiply(m.fullVertices(), 3);
        double tokenErr = maxDiff(tokens, m.tokenJointsOf(m.fullVertices()));
        double refErr = 0;
        for (int i = 0; i < tokens.length; i++) {
            refErr = Math.max(refErr, Math.abs(tokens[i] - m.root()[i % 3] - m.refVertices()[i]));
        }
        System.out.printf("%s: V=%d F=%d coarse=%d, %d ms, skeleton err %.2e, token err %.2e, ref err %.2e%n",
                kind.id(), v, m.faces().length / 3, m.coarseVertexCount(), ms, err, tokenErr, refErr);
        assertThat(err).isLessThan(1e-9);
        assertThat(tokenErr).isLessThan(1e-9);
        assertThat(refErr).isLessThan(1e-9);
        for (var reg : new io.metroscope.format.SparseMatrix[] {rig.skeletonRegressor(), rig.tokenRegressor(),
            m.jointRegressor()}) {
            for (int r = 0; r < reg.rows(); r++) {
                double s = 0;
                for (int q = reg.rowPointers()[r]; q < reg.rowPointers()[r + 1]; q++) {
                    s += reg.values()[q];
                }
                assertThat(s).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
            }
        }

        // LBS: identity at rest, finite when posed.
        SmplModel model = t.model();
        PosedMesh restPose = LinearBlendSkinning.pose(model, new double[3 * k], new double[0]);
        assertThat(maxDiff(restPose.vertices(), m.fullVertices())).isLessThan(1e-12);
        Random random = new Random(3);
        double[] pose = new double[3 * k];
        for (int i = 0; i < pose.length; i++) {
            pose[i] = random.nextGaussian() * 0.5;
        }
        double[] betas = new double[rig.shapeCount()];
        for (int i = 0; i < betas.length; i++) {
            betas[i] = random.nextGaussian();
        }
        for (double x : LinearBlendSkinning.pose(model, pose, betas).vertices()) {
            assertThat(Double.isFinite(x)).isTrue();
        }

        // The first shape direction (height / hand length) changes the y extent most.
        double[] b = new double[1];
        b[0] = 1;
        double[] shaped = LinearBlendSkinning.shape(model, b);
        double[] before = extent(m.fullVertices());
        double[] after = extent(shaped);
        double dx = Math.abs(after[0] - before[0]);
        double dy = Math.abs(after[1] - before[1]);
        double dz = Math.abs(after[2] - before[2]);
        assertThat(dy).isGreaterThan(0.01 * before[1]).isGreaterThan(dx).isGreaterThan(dz);
        for (int s = 0; s < rig.shapeCount(); s++) {
            double norm = 0;
            for (int i = 0; i < 3 * v; i++) {
                norm = Math.max(norm, Math.abs(rig.shapeDirs()[i * rig.shapeCount() + s]));
            }
            assertThat(norm).as(rig.shapeNames().get(s)).isGreaterThan(0.002);
        }

        // Simplification keeps the shape: every fine vertex is close to the coarse mesh and vice versa.
        double[] coarse = m.coarseVertices();
        double hausdorff = 0;
        for (int i = 0; i < v; i++) {
            double best = Double.MAX_VALUE;
            for (int f = 0; f < rig.coarseFaces().length / 3; f++) {
                best = Math.min(best, MeshOps.closestOnTriangle(coarse, rig.coarseFaces()[3 * f],
                        rig.coarseFaces()[3 * f + 1], rig.coarseFaces()[3 * f + 2], m.fullVertices()[3 * i],
                        m.fullVertices()[3 * i + 1], m.fullVertices()[3 * i + 2])[3]);
            }
            hausdorff = Math.max(hausdorff, Math.sqrt(best));
        }
        System.out.printf("%s: fine→coarse distance %.4f m of height %.3f m%n", kind.id(), hausdorff, before[1]);
        assertThat(hausdorff).isLessThan(0.05 * before[1]);

        // Same seed, same bytes; the committed file is this generation.
        OpenTemplates.generate(kind, 0, dir.resolve("b.npz"));
        byte[] a = Files.readAllBytes(dir.resolve("a.npz"));
        assertThat(Files.readAllBytes(dir.resolve("b.npz"))).isEqualTo(a);
        OpenTemplate back = OpenTemplates.read(dir.resolve("a.npz"));
        assertThat(back.template().fullVertices()).isEqualTo(m.fullVertices());
        assertThat(back.rig().parents()).isEqualTo(rig.parents());
        Path committed = Path.of("templates", kind.id() + ".npz");
        if (Boolean.getBoolean("opentemplates.refresh")) {
            Files.copy(dir.resolve("a.npz"), committed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve("a.json"), Path.of("templates", kind.id() + ".json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Files.readAllBytes(committed)).isEqualTo(a);
        assertThat(Files.readAllBytes(Path.of("templates", kind.id() + ".json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a.json")));
    }

    @ParameterizedTest
    @EnumSource(TemplateKind.class)
    void theProgramCarriesTheCommittedTemplatesAndUnpacksThemOnce(TemplateKind kind, @TempDir Path cache)
            throws Exception {
        byte[] committed = Files.readAllBytes(Path.of("templates", kind.id() + ".npz"));
        assertThat(OpenTemplates.builtInBytes(kind)).isEqualTo(committed);

        Path file = OpenTemplates.unpackBuiltIn(kind, cache.resolve("templates"));
        assertThat(file).hasBinaryContent(committed);
        assertThat(OpenTemplates.read(file).template().kind()).isEqualTo(kind);
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        assertThat(OpenTemplates.unpackBuiltIn(kind, cache.resolve("templates"))).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(FileTime.fromMillis(0));

        // a damaged copy of the same size is written again
        byte[] damaged = committed.clone();
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(file, damaged);
        assertThat(OpenTemplates.unpackBuiltIn(kind, cache.resolve("templates"))).hasBinaryContent(committed);
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double[] extent(double[] v) {
        double[] lo = {1e9, 1e9, 1e9};
        double[] hi = {-1e9, -1e9, -1e9};
        for (int i = 0; i < v.length; i++) {
            lo[i % 3] = Math.min(lo[i % 3], v[i]);
            hi[i % 3] = Math.max(hi[i % 3], v[i]);
        }
        return new double[] {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
    }
}
