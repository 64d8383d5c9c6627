package io.metroscope.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.OfficialArchitectures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A training run as JSON: network ({@code kind}, {@code architecture} "official", "small" or "tiny", {@code heads},
 * {@code init} checkpoint or random; callers resolve a model bundle's {@code init} to its checkpoint),
 * data ({@code data} training folder, {@code validation} folder or none,
 * {@code limit} items, 0 = all), schedule ({@code epochs}, {@code batchSize}, {@code accumulate} batches per step,
 * Adam {@code learningRate} multiplied by {@code lrGamma} every {@code lrStepEpochs} epochs — official
 * {@code lr·0.1^(epoch // (epochs/2))} —, {@code clipNorm} ≤ 0 off), {@code seed}, {@code dropout}, loss weights,
 * masked vertex modeling, {@code checkpointEverySteps} (0: only at epoch ends), {@code output} directory,
 * {@code augment} (METRO's training augmentation, see {@link Augmentation}; absent: off) and {@code loaderWorkers}
 * (threads decoding and augmenting ahead of training; 0: cores − 1), {@code warmupSteps} (the rate rises linearly
 * over the first optimizer steps of a run; 0, METRO's choice: off), {@code centreCamera} (a fresh run first shifts the
 * camera head's bias so that its mean prediction is the training labels' mean camera, see {@link CameraCentring};
 * METRO's choice: off). {@code data} and {@code validation} name a
 * training folder or a METRO TSV dataset (its yaml or folder), told apart by {@link TrainingData}.
 * A JSON file overrides the preset named by its {@code base} field (default: the official preset of its kind).
 */
public record Recipe(String name, MeshKind kind, String architecture, int heads, String init, String data,
        String validation, int limit, int epochs, int batchSize, int accumulate, double learningRate,
        double lrStepEpochs, double lrGamma, double clipNorm, long seed, float dropout, LossWeights loss,
        MaskedVertexModeling mvm, int checkpointEverySteps, String output, Augmentation augment,
        int loaderWorkers, int warmupSteps, boolean centreCamera) {

    /** Preset names accepted by {@link #preset}. */
    public static final List<String> PRESETS = List.of("official-body", "official-hand", "demo");

    /** Network sizes: the official one, the CI-sized one and the bundled demo models' one. */
    public static final List<String> ARCHITECTURES = List.of("official", "tiny", "small");

    public Recipe {
        if (epochs <= 0 || batchSize <= 0 || accumulate <= 0 || learningRate <= 0 || heads <= 0) {
            throw new IllegalArgumentException("epochs, batchSize, accumulate, learningRate and heads must be positive");
        }
        if (!ARCHITECTURES.contains(architecture)) {
            throw new IllegalArgumentException("architecture must be one of " + ARCHITECTURES + ": " + architecture);
        }
        if (augment == null) {
            augment = Augmentation.off();
        }
        if (loaderWorkers < 0) {
            throw new IllegalArgumentException("loaderWorkers must be 0 (automatic) or positive");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be 0 (off) or positive");
        }
    }

    /** The loader's thread count: {@code loaderWorkers}, or cores − 1 when 0. */
    public int workers() {
        return loaderWorkers > 0 ? loaderWorkers : PrefetchingLoader.defaultWorkers();
    }

    /**
     * {@code official-body} / {@code official-hand}: METRO's recipe (Adam 1e-4, ×0.1 at half the 200 epochs, seed 88,
     * dropout 0.1, official loss weights and MVM, full-size HRNet-W64 network, the official global batch 240 / 256);
     * {@code demo}: a tiny body network, 3 epochs, batch 4, lr 1e-3, no augmentation — minutes on a laptop CPU.
     * The official presets augment as METRO does ({@link Augmentation#official}).
     */
    public static Recipe preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "official-body" -> new Recipe(name, MeshKind.BODY, "official", 4, null, "data", null, 0, 200, 240, 1,
                    1e-4, 100, 0.1, 0, 88, 0.1f, LossWeights.body(), MaskedVertexModeling.official(MeshKind.BODY),
                    0, "runs/official-body", Augmentation.official(MeshKind.BODY), 0, 0, false);
            case "official-hand" -> new Recipe(name, MeshKind.HAND, "official", 4, null, "data", null, 0, 200, 256, 1,
                    1e-4, 100, 0.1, 0, 88, 0.1f, LossWeights.hand(), MaskedVertexModeling.official(MeshKind.HAND),
                    0, "runs/official-hand", Augmentation.official(MeshKind.HAND), 0, 0, false);
            case "demo" -> new Recipe(name, MeshKind.BODY, "tiny", 2, null, "data", null, 0, 3, 4, 1, 1e-3, 2, 0.1, 0,
                    88, 0.1f, LossWeights.body(), MaskedVertexModeling.official(MeshKind.BODY), 0, "runs/demo",
                    Augmentation.off(), 0, 0, false);
            default -> throw new IllegalArgumentException("unknown recipe '" + name + "' (presets: " + PRESETS + ")");
        };
    }

    /** A preset name, or a JSON file overriding a preset (see the class comment). */
    public static Recipe load(String fileOrPreset) throws IOException {
        Path file = Path.of(fileOrPreset);
        if (!Files.isRegularFile(file)) {
            return preset(fileOrPreset);
        }
        try {
            return parse(file);
        } catch (UnrecognizedPropertyException e) {
            throw new FormatException(file, "unknown recipe field \"" + e.getPropertyName() + "\"",
                    "use one of " + new java.util.TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf)
                            .toList()) + " (README, section Training)", e);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException bad ? bad : e;
            String problem = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new FormatException(file, "not a valid recipe: " + problem,
                    "correct the JSON (README, section Training, lists the fields and their values)", e);
        }
    }

    private static Recipe parse(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode doc = json.readTree(file.toFile());
        String base = doc.path("base").asText("");
        if (base.isEmpty()) {
            base = "hand".equalsIgnoreCase(doc.path("kind").asText()) ? "official-hand" : "official-body";
        }
        ObjectNode merged = json.valueToTree(preset(base));
        merged.put("name", file.getFileName().toString());
        doc.fields().forEachRemaining(e -> {
            if (!"base".equals(e.getKey())) {
                JsonNode old = merged.get(e.getKey());
                if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode n) {
                    o.setAll(n);
                } else {
                    merged.set(e.getKey(), e.getValue());
                }
            }
        });
        if (merged.get("kind").isTextual()) {
            merged.put("kind", merged.get("kind").asText().toUpperCase(Locale.ROOT));
        }
        return json.treeToValue(merged, Recipe.class);
    }

    public String toJson() {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The network this recipe trains. */
    public MetroArchitecture networkArchitecture() {
        return network(kind, architecture, heads);
    }

    /** The network a recipe of {@code kind}, {@code architecture} (one of {@link #ARCHITECTURES}) and heads trains. */
    public static MetroArchitecture network(MeshKind kind, String architecture, int heads) {
        MetroArchitecture a = switch (architecture) {
            case "tiny" -> TinyArchitectures.of(kind);
            case "small" -> TinyArchitectures.small(kind);
            default -> OfficialArchitectures.of(kind);
        };
        return a.withHeads(heads);
    }

    /**
     * Learning rate at {@code progress} (0 ≤ progress < 1) through {@code epoch}:
     * {@code learningRate·lrGamma^floor(t/lrStepEpochs)}. As METRO, t is the epoch, so the rate changes at epoch
     * starts; a fractional {@code lrStepEpochs} set in the recipe (say 0.75 of a one-epoch run) counts t = epoch +
     * progress, so the step falls inside an epoch.
     */
    public float learningRateAt(int epoch, double progress) {
        double step = lrStepEpochs > 0 ? lrStepEpochs : epochs / 2.0;
        boolean withinEpochs = lrStepEpochs > 0 && lrStepEpochs != Math.rint(lrStepEpochs);
        double t = withinEpochs ? epoch + progress : epoch;
        return (float) (learningRate * Math.pow(lrGamma, Math.floor(t / step)));
    }

    /**
     * The rate of optimizer step {@code step} (0-based, counted over the whole run): {@link #learningRateAt} times
     * (step + 1) / warmupSteps until the warm-up is over. Adam's first steps move every weight by about the full
     * rate whatever its gradient, which throws a trained network off when fine-tuning starts; the warm-up avoids it.
     */
    public float learningRateAt(int epoch, double progress, long step) {
        float rate = learningRateAt(epoch, progress);
        return step < warmupSteps ? (float) (rate * (step + 1) / (double) warmupSteps) : rate;
    }

    public Recipe withData(String newData, String newOutput) {
        return new Recipe(name, kind, architecture, heads, init, newData, validation, limit, epochs, batchSize,
                accumulate, learningRate, lrStepEpochs, lrGamma, clipNorm, seed, dropout, loss, mvm,
                checkpointEverySteps, newOutput, augment, loaderWorkers, warmupSteps, centreCamera);
    }

    public Recipe withInit(String newInit) {
        return new Recipe(name, kind, architecture, heads, newInit, data, validation, limit, epochs, batchSize,
                accumulate, learningRate, lrStepEpochs, lrGamma, clipNorm, seed, dropout, loss, mvm,
                checkpointEverySteps, output, augment, loaderWorkers, warmupSteps, centreCamera);
    }

    public Recipe withEpochs(int newEpochs) {
        return new Recipe(name, kind, architecture, heads, init, data, validation, limit, newEpochs, batchSize,
                accumulate, learningRate, lrStepEpochs, lrGamma, clipNorm, seed, dropout, loss, mvm,
                checkpointEverySteps, output, augment, loaderWorkers, warmupSteps, centreCamera);
    }

    public Recipe withBatchSize(int newBatchSize) {
        return new Recipe(name, kind, architecture, heads, init, data, validation, limit, epochs, newBatchSize,
                accumulate, learningRate, lrStepEpochs, lrGamma, clipNorm, seed, dropout, loss, mvm,
                checkpointEverySteps, output, augment, loaderWorkers, warmupSteps, centreCamera);
    }

    public Recipe withAugment(Augmentation newAugment) {
        return new Recipe(name, kind, architecture, heads, init, data, validation, limit, epochs, batchSize,
                accumulate, learningRate, lrStepEpochs, lrGamma, clipNorm, seed, dropout, loss, mvm,
                checkpointEverySteps, output, newAugment, loaderWorkers, warmupSteps, centreCamera);
    }

    public Recipe withLoaderWorkers(int workers) {
        return new Recipe(name, kind, architecture, heads, init, data, validation, limit, epochs, batchSize,
                accumulate, learningRate, lrStepEpochs, lrGamma, clipNorm, seed, dropout, loss, mvm,
                checkpointEverySteps, output, augment, workers, warmupSteps, centreCamera);
    }
}
