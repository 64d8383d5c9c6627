package io.metroscope.ui.finetune;

import io.metroscope.app.BundledAssets;
import io.metroscope.model.MeshKind;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
import io.metroscope.train.Recipe;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The choices beside a recipe's "Start from" field: a bundled demo model (its folder is unpacked from the program,
 * so users cannot type it), a checkpoint or bundle file, or random weights. Bundles are read off the FX thread.
 */
final class StartFromMenu extends MenuButton {

    /**
     * What a run starts from: {@code init} as the recipe holds it; for a model bundle also its mesh, heads and the
     * recipe network it matches ({@code architecture} null when none does; {@code kind} null for a plain file).
     */
    record Start(String init, MeshKind kind, String architecture, int heads) {

        static Start file(Path checkpoint) {
            return new Start(checkpoint.toString(), null, null, 0);
        }

        static Start randomWeights() {
            return new Start("", null, null, 0);
        }

        /** A bundle's start, the network read from its manifest. */
        static Start bundle(Path bundle) throws IOException {
            ModelBundle b = ModelBundles.load(bundle);
            int heads = b.architecture().heads();
            String network = Recipe.ARCHITECTURES.stream()
                    .filter(a -> b.architecture().mismatch(Recipe.network(b.kind(), a, heads)) == null)
                    .findFirst().orElse(null);
            return new Start(bundle.toString(), b.kind(), network, heads);
        }
    }

    private final Consumer<Start> chosen;
    private final Consumer<String> failed;

    /** {@code chosen} and {@code failed} (a message naming the file and the fix) are called on the FX thread. */
    StartFromMenu(BundledAssets assets, Supplier<Window> owner, Consumer<Start> chosen, Consumer<String> failed) {
        super("Choose…");
        this.chosen = chosen;
        this.failed = failed;
        setId("recipe-init-menu");
        setMinWidth(USE_PREF_SIZE);
        for (MeshKind kind : MeshKind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            MenuItem demo = new MenuItem("Bundled " + name + " demo model");
            demo.setId("recipe-init-demo-" + name);
            demo.setOnAction(e -> readAsync(() -> Start.bundle(assets.demoModel(kind).orElseThrow(
                    () -> new IllegalStateException("this build ships no " + name + " demo model; choose a "
                            + "checkpoint or bundle file instead")))));
            getItems().add(demo);
        }
        MenuItem file = new MenuItem("Checkpoint or bundle file…");
        file.setId("recipe-init-file");
        file.setOnAction(e -> chooseFile(owner.get()));
        MenuItem random = new MenuItem("Random weights");
        random.setId("recipe-init-random");
        random.setOnAction(e -> chosen.accept(Start.randomWeights()));
        getItems().addAll(file, random);
    }

    private void chooseFile(Window window) {
        FileChooser c = new FileChooser();
        c.setTitle("Start from");
        c.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Model bundles and checkpoints", "*" + ModelBundles.SUFFIX, "*.pt",
                        "*.pth", "*.bin"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = c.showOpenDialog(window);
        if (f == null) {
            return;
        }
        Path p = f.toPath();
        if (ModelBundles.isManifestName(p)) {
            readAsync(() -> Start.bundle(p));
        } else {
            chosen.accept(Start.file(p));
        }
    }

    private void readAsync(Callable<Start> read) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return read.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }).whenComplete((start, error) -> Platform.runLater(() -> {
            if (error == null) {
                chosen.accept(start);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                failed.accept("Cannot start from that model: " + cause.getMessage());
            }
        }));
    }
}
