package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        Path json = dir.resolve("eval.json");
        CliRun eval = CliRun.of("eval", "--model", out.resolve("last/model.pt").toString(), "--data", data.toString(),
                "--heads", "2", "--json", json.toString(), "--device", "cpu").succeeded();
        assertThat(eval.out()).contains("PA-MPJPE").contains("MPVE").contains("F@15mm");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
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
}
