package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.bench.RandomMetroWeights;
import io.metroscope.body.TemplateKind;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.recon.ModelSpec;
import io.metroscope.recon.ReconstructionModel;
import io.metroscope.recon.ReconstructionService;
import io.metroscope.recon.TemplateSource;
import io.metroscope.train.TinyArchitectures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of images reconstructed by a small random-weight hand model through the reconstruction service. */
class ImageImportTest {

    @TempDir
    Path temp;

    @Test
    void aFolderOfImagesIsReconstructedIntoItemsAndABadFileIsReported() throws Exception {
        Path inputs = temp.resolve("photos");
        AnnotateFixtures.synthMeshes(inputs, TemplateKind.HAND, 3, 160, 21);
        Files.writeString(inputs.resolve("broken.png"), "this is not a PNG");
        Path checkpoint = temp.resolve("tiny-hand.bin");
        RandomMetroWeights.writeCheckpoint(checkpoint, TinyArchitectures.hand(), 3);

        try (ReconstructionService service = new ReconstructionService(new ComputeDeviceService());
                ReconstructionModel model = service.loadNow(ModelSpec.of(checkpoint,
                        new TemplateSource.File(Path.of("templates/hand.npz"))).withHeads(2)
                        .withDevice(DeviceSpec.CPU));
                AnnotationProject p = AnnotationProject.create(temp.resolve("p" + ProjectFiles.EXTENSION),
                        TemplateKind.HAND)) {
            List<Path> images = io.metroscope.vision.ImageFiles.in(inputs);
            assertThat(images).extracting(f -> f.getFileName().toString()).containsExactly("broken.png",
                    "item-00.png", "item-01.png", "item-02.png");
            ImportReport report = new ProjectImporter(p).importImages(images, ImageReconstructor.of(service, model),
                    ImportExportTest.QUIET);
            assertThat(report.imported()).hasSize(3);
            assertThat(report.problems()).singleElement().asString().contains("broken.png");

            ItemSnapshot s = p.editor().snapshot(report.imported().get(0));
            assertThat(s.item().summary().imagePath()).isEqualTo("photos/item-00.png");
            assertThat(s.item().source()).startsWith("reconstructed by tiny-hand.bin");
            assertThat(s.item().summary().estimatedError()).isNotNull().isPositive();
            assertThat(s.mesh().vertexCount()).isEqualTo(778);
            assertThat(s.joints().count()).isEqualTo(21);
            // The official crop of a 160² image is the whole image scaled to 224.
            assertThat(s.item().crop().scaleX()).isEqualTo(160 / 224.0);
            assertThat(s.item().imageSha256()).isEqualTo(ProjectTemplates.sha256(inputs.resolve("item-00.png")));
        }
    }
}
