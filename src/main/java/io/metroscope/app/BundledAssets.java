package io.metroscope.app;

import io.metroscope.format.AtomicFiles;
import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;
import io.metroscope.recon.ModelBundles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo models and sample images shipped inside the program (the repository's {@code assets/models} and
 * {@code assets/samples}, listed in {@code assets/index.txt}). Model files are memory-mapped when loaded, so they
 * are unpacked once into a cache folder keyed by the program version; a file already there with the right size is
 * reused.
 */
public final class BundledAssets {

    /** Where the assets live on the class path. */
    static final String RESOURCE_ROOT = "/io/metroscope/assets/";
    static final String INDEX = "index.txt";

    private final Path target;
    private final List<String> index;

    /** Assets unpacked under {@code cacheRoot/<program version>/}. */
    public BundledAssets(Path cacheRoot) {
        this(cacheRoot.resolve(VersionReport.metroscopeVersion()), readIndex());
    }

    BundledAssets(Path target, List<String> index) {
        this.target = target;
        this.index = List.copyOf(index);
    }

    /** Every bundled file, relative to the assets root ({@code models/body-demo/weights.bin}, ...). */
    public List<String> files() {
        return index;
    }

    /** The demo model bundle folder of {@code kind}, unpacked, or empty when this build ships none. */
    public Optional<Path> demoModel(MeshKind kind) {
        String folder = "models/" + kind.name().toLowerCase(Locale.ROOT) + "-demo/";
        List<String> files = index.stream().filter(f -> f.startsWith(folder)).toList();
        if (!files.contains(folder + ModelBundles.FOLDER_MANIFEST)) {
            return Optional.empty();
        }
        files.forEach(this::unpack);
        return Optional.of(target.resolve(folder));
    }

    /** The sample images (synthetic renders, then photos), unpacked. */
    public List<Path> samples() {
        return index.stream().filter(f -> f.startsWith("samples/") && isImage(f)).map(this::unpack).toList();
    }

    /** Unpacks one listed file (if not already there) and returns where it is. */
    public Path unpack(String relative) {
        if (!index.contains(relative)) {
            throw new IllegalArgumentException("not a bundled asset: " + relative);
        }
        Path file = target.resolve(relative);
        try (InputStream in = BundledAssets.class.getResourceAsStream(RESOURCE_ROOT + relative)) {
            if (in == null) {
                throw new IllegalStateException("the program is incomplete: resource " + RESOURCE_ROOT + relative
                        + " is listed in " + INDEX + " but missing; reinstall Metroscope");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(file) && Files.size(file) == bytes.length) {
                return file;
            }
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, out -> out.write(bytes));
            return file;
        } catch (FormatException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + relative + " into " + target
                    + ": make the cache folder writable or set XDG_CACHE_HOME", e);
        }
    }

    private static boolean isImage(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    static List<String> readIndex() {
        try (InputStream in = BundledAssets.class.getResourceAsStream(RESOURCE_ROOT + INDEX)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
