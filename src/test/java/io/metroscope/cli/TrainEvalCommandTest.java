package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metroscope.train.MetroTsvLabel;
import io.metroscope.train.MetroTsvWriter;
import io.metroscope.train.PngWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** synth → train (a JSON recipe over the demo preset) → resume → eval, end to end through the CLI. */
class TrainEvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsResumesAndEvaluates() throws Exception {
        Path data = dir.resolve("data");
        CliRun.of("synth", "--template", "body", "--count", "4", "--seed", "3", "--size", "64", "--out",
                data.toString(), "--workers", "2", "--device", "cpu").succeeded();
        Path recipe = dir.resolve("recipe.json");
        Files.writeString(recipe, "{\"base\": \"demo\", \"epochs\": 1, \"batchSize\": 2, \"loss\": {\"joints3d\": 500}}");
        Path out = dir.resolve("run");
        CliRun printed = CliRun.of("train", "--recipe", recipe.toString(), "--print-recipe").succeeded();
        assertThat(printed.out()).contains("\"joints3d\" : 500.0").contains("\"vertices\" : 100.0")
                .contains("\"architecture\" : \"tiny\"");
        CliRun train = CliRun.of("train", "--recipe", recipe.toString(), "--data", data.toString(), "--out",
                out.toString(), "--device", "cpu").succeeded();
        assertThat(train.out()).contains("epoch 1/1 batch 2/2 step 2 loss").contains("epoch 1/1 done: mean loss");
        assertThat(out.resolve("best/model.pt")).exists();
        // a second run with more epochs resumes from last/
        CliRun more = CliRun.of("train", "--recipe", recipe.toString(), "--data", data.toString(), "--out",
                out.toString(), "--epochs", "2", "--device", "cpu").succeeded();
        assertThat(more.out()).contains("Resuming from").contains("epoch 2/2 batch 1/2 step 3");
        // synth's folders carry camera labels: a fresh run can start its camera at their mean
        Path centred = dir.resolve("centred.json");
        Files.writeString(centred, "{\"base\": \"demo\", \"epochs\": 1, \"batchSize\": 2, \"centreCamera\": true}");
        CliRun centredRun = CliRun.of("train", "--recipe", centred.toString(), "--data", data.toString(), "--out",
                dir.resolve("run-centred").toString(), "--device", "cpu").succeeded();
        assertThat(centredRun.out()).contains("Start: camera head re-centred on the mean of 4 training labels")
                .contains("epoch 1/1 done");

        // a model bundle made from the run starts a new one; a recipe for another network is refused by name
        Path bundle = dir.resolve("bundle");
        CliRun.of("export", "import", "--checkpoint", out.resolve("best/model.pt").toString(), "--template",
                data.resolve("template.npz").toString(), "--heads", "2", "--self-contained", "--half", "--out",
                bundle.toString()).succeeded();
        Path fromBundle = dir.resolve("from-bundle.json");
        Files.writeString(fromBundle,
                "{\"base\": \"demo\", \"epochs\": 1, \"batchSize\": 2, \"init\": \"" + bundle + "\"}");
        CliRun fineTune = CliRun.of("train", "--recipe", fromBundle.toString(), "--data", data.toString(), "--out",
                dir.resolve("run-from-bundle").toString(), "--device", "cpu").succeeded();
        assertThat(fineTune.out()).contains("Starting from model bundle " + bundle + " (weights "
                + bundle.resolve("weights.bin").toAbsolutePath().normalize() + ")").contains("epoch 1/1 done");
        // so does the first run's best/ folder
        Path fromFolder = dir.resolve("from-folder.json");
        Files.writeString(fromFolder, "{\"base\": \"demo\", \"epochs\": 1, \"batchSize\": 4, \"init\": \""
                + out.resolve("best") + "\"}");
        CliRun continued = CliRun.of("train", "--recipe", fromFolder.toString(), "--data", data.toString(), "--out",
                dir.resolve("run-from-folder").toString(), "--device", "cpu").succeeded();
        assertThat(continued.out()).contains("Starting from checkpoint folder " + out.resolve("best") + " (weights "
                + out.resolve("best/model.pt") + ")").contains("epoch 1/1 done");
        Files.writeString(fromBundle,
                Files.readString(fromBundle).replace("\"epochs\"", "\"heads\": 4, \"epochs\""));
        CliRun refused = CliRun.of("train", "--recipe", fromBundle.toString(), "--data", data.toString(), "--out",
                dir.resolve("refused").toString(), "--device", "cpu");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains(bundle.resolve("model.metro.json").toString(),
                "holds another network than the recipe's");

        // the run (its last/ folder), its fine-tuned successor and the bundle made from it, averaged, evaluate like
        // any checkpoint
        Path averaged = dir.resolve("soup.pt");
        CliRun soup = CliRun.of("export", "average", "--checkpoint", out.resolve("last") + ","
                + dir.resolve("run-from-bundle/last/model.pt") + "," + bundle, "--weights", "1,3,1", "--out",
                averaged.toString()).succeeded();
        assertThat(soup.out()).contains("Wrote " + averaged, "averaged over 3 checkpoints",
                "0.2000  " + out.resolve("last/model.pt"), "0.6000  " + dir.resolve("run-from-bundle/last/model.pt"),
                "0.2000  " + bundle.resolve("weights.bin").toAbsolutePath().normalize());
        CliRun soupEval = CliRun.of("eval", "--model", averaged.toString(), "--data", data.toString(), "--heads", "2",
                "--device", "cpu").succeeded();
        assertThat(soupEval.out()).contains("PA-MPJPE");
        CliRun mismatch = CliRun.of("export", "average", "--checkpoint", out.resolve("last/model.pt").toString(),
                "--checkpoint", averaged.toString(), "--weights", "1", "--out", dir.resolve("x.pt").toString());
        assertThat(mismatch.code()).isNotZero();
        assertThat(mismatch.err()).contains("1 weights for 2 checkpoints");

        // the run's checkpoint folder evaluates as its model.pt does (as export average reads it)
        Path json = dir.resolve("eval.json");
        CliRun eval = CliRun.of("eval", "--model", out.resolve("last").toString(), "--data", data.toString(),
                "--heads", "2", "--json", json.toString(), "--device", "cpu").succeeded();
        assertThat(eval.out()).contains("PA-MPJPE").contains("MPVE").contains("F@15mm");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.path("flip_average").asBoolean()).isFalse();
        JsonNode r = doc.path("results").elements().next();
        assertThat(r.path("samples").asInt()).isEqualTo(4);
        assertThat(r.path("paMpjpe").asDouble()).isPositive();
        assertThat(r.path("f15").asDouble()).isBetween(0.0, 1.0);

        // the occluded subset: exactly the items with at least one hidden 2D joint
        io.metroscope.train.TrainingFolder folder = io.metroscope.train.TrainingFolder.open(data);
        int hidden = 0;
        for (int i = 0; i < folder.size(); i++) {
            hidden += folder.item(i).hiddenJointCount() >= 1 ? 1 : 0;
        }
        CliRun subset = CliRun.of("eval", "--model", out.resolve("last/model.pt").toString(), "--data",
                data.toString(), "--heads", "2", "--occluded", "1", "--json", json.toString(), "--device", "cpu");
        if (hidden > 0) {
            subset.succeeded();
            assertThat(subset.out()).contains("Occluded subset: " + hidden + " of 4 items");
            assertThat(new ObjectMapper().readTree(json.toFile()).path("results").elements().next()
                    .path("samples").asInt()).isEqualTo(hidden);
        } else {
            assertThat(subset.code()).isNotZero();
            assertThat(subset.err()).contains("lower --occluded");
        }
    }

    /** A METRO TSV dataset of {@code count} rows: 24 J24 joints in a 160×120 frame, no SMPL meshes. */
    static Path tsvDataset(Path folder, int count) throws Exception {
        try (MetroTsvWriter w = MetroTsvWriter.create(folder, "train")) {
            for (int i = 0; i < count; i++) {
                double[] j3 = new double[24 * 4];
                double[] j2 = new double[24 * 3];
                for (int k = 0; k < 24; k++) {
                    j3[4 * k] = 0.03 * (k % 6) - 0.08 + 0.01 * i;
                    j3[4 * k + 1] = 0.07 * (k / 6) - 0.4;
                    j3[4 * k + 2] = 3 + 0.01 * k;
                    j3[4 * k + 3] = 1;
                    j2[3 * k] = 80 + 100 * j3[4 * k];
                    j2[3 * k + 1] = 60 + 100 * j3[4 * k + 1];
                    j2[3 * k + 2] = 1;
                }
                byte[] rgb = new byte[160 * 120 * 3];
                for (int p = 0; p < rgb.length; p++) {
                    rgb[p] = (byte) ((p * (i + 3)) % 251);
                }
                w.add("frame_" + i, PngWriter.encode(rgb, 160, 120), 160, 120, new MetroTsvLabel(
                        new double[] {80, 60}, 0.5, j2, true, j3, true, new double[72], new double[10], false, null));
            }
            return w.yaml();
        }
    }

    @Test
    void trainsAndEvaluatesOnATsvDatasetWithAugmentation() throws Exception {
        Path yaml = tsvDataset(dir.resolve("tsv"), 4);
        Path recipe = dir.resolve("recipe.json");
        Files.writeString(recipe, "{\"base\": \"demo\", \"epochs\": 1, \"batchSize\": 2, \"loaderWorkers\": 2,"
                + " \"augment\": {\"enabled\": true}}");
        Path out = dir.resolve("run");
        CliRun printed = CliRun.of("train", "--recipe", recipe.toString(), "--print-recipe").succeeded();
        assertThat(printed.out()).contains("\"enabled\" : true").contains("\"rotationFactor\" : 30.0");
        CliRun train = CliRun.of("train", "--recipe", recipe.toString(), "--data", yaml.toString(), "--out",
                out.toString(), "--device", "cpu").succeeded();
        assertThat(train.out()).contains("Note: no SMPL model configured").contains("4 items")
                .contains("augmented").contains("epoch 1/1 done: mean loss").doesNotContain("NaN");
        CliRun eval = CliRun.of("eval", "--model", out.resolve("last/model.pt").toString(), "--data",
                yaml.getParent().toString(), "--heads", "2", "--device", "cpu").succeeded();
        assertThat(eval.out()).contains("(4 items)").contains("PA-MPJPE");
    }

    @Test
    void evalNamesADataPathThatIsNoDatasetBeforeReadingAnyTemplate() {
        Path missing = dir.resolve("no-such-data");
        CliRun eval = CliRun.of("eval", "--model", "assets/models/body-demo", "--data", missing.toString(),
                "--device", "cpu");
        assertThat(eval.code()).isNotZero();
        assertThat(eval.err()).contains(missing.toString()).contains("it does not exist")
                .contains("metroscope synth").doesNotContain("template");
    }

    @Test
    void trainAndEvalRefuseDataOfTheOtherKindNamingIt() {
        Path hands = dir.resolve("hands");
        CliRun.of("synth", "--template", "hand", "--count", "2", "--seed", "79", "--size", "64", "--out",
                hands.toString()).succeeded();
        Path json = dir.resolve("reports").resolve("hands").resolve("eval.json");
        CliRun eval = CliRun.of("eval", "--model", "assets/models/body-demo", "--data", hands.toString(), "--device",
                "cpu", "--json", json.toString());
        assertThat(eval.code()).isNotZero();
        assertThat(eval.err()).contains("it reconstructs body meshes of 6890 vertices but " + hands
                + " holds hand meshes of 778 vertices").contains("evaluate a hand model");
        CliRun hand = CliRun.of("eval", "--model", "assets/models/hand-demo", "--data", hands.toString(), "--device",
                "cpu", "--json", json.toString()).succeeded();
        assertThat(hand.out()).contains("PA-MPJPE");
        assertThat(json).as("written into folders made for it").isRegularFile();

        CliRun train = CliRun.of("train", "--recipe", "demo", "--data", hands.toString(), "--out",
                dir.resolve("run").toString(), "--device", "cpu");
        assertThat(train.code()).isNotZero();
        assertThat(train.err()).contains("the dataset holds hand items but the recipe trains a body network");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void countsAreUsageErrorsAndTrainBatchOverridesTheRecipe() {
        Path data = dir.resolve("renders");
        CliRun.of("synth", "--template", "body", "--count", "2", "--seed", "80", "--size", "64", "--out",
                data.toString()).succeeded();
        for (String[] bad : new String[][] {{"eval", "--batch", "0"}, {"eval", "--limit", "-1"},
            {"train", "--epochs", "0"}, {"train", "--batch", "0"}}) {
            CliRun r = bad[0].equals("eval")
                    ? CliRun.of("eval", "--model", "assets/models/body-demo", "--data", data.toString(), bad[1], bad[2])
                    : CliRun.of("train", "--recipe", "demo", "--data", data.toString(), bad[1], bad[2]);
            assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(r.err()).contains("Invalid value for option '" + bad[1] + "'");
        }
        CliRun train = CliRun.of("train", "--recipe", "demo", "--data", data.toString(), "--out",
                dir.resolve("run").toString(), "--epochs", "1", "--batch", "1", "--device", "cpu").succeeded();
        assertThat(train.out()).contains("1 epochs, batch 1,").contains("batch 2/2");
    }
}
