package io.metroscope.body;

import io.metroscope.format.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Metroscope's own CC0 body and hand templates, generated procedurally (no SMPL or MANO data is read).
 * Generation is deterministic: the same kind and seed always give the same arrays and the same file bytes.
 * The committed {@code templates/body.npz} and {@code templates/hand.npz} are {@code generate(kind, 0)}.
 */
public final class OpenTemplates {
    /** The seed of the committed templates. */
    public static final long DEFAULT_SEED = 0;
    /** Where the committed templates are on the class path. */
    static final String RESOURCE_ROOT = "/io/metroscope/templates/";

    private OpenTemplates() {
    }

    /** Generates the template of {@code kind}; seed 0 is the canonical one, others vary its proportions. */
    public static OpenTemplate generate(TemplateKind kind, long seed) {
        return kind == TemplateKind.BODY ? MannequinGenerator.generate(seed) : HandGenerator.generate(seed);
    }

    /** Generates and writes {@code out} (npz with the rig entries) and its JSON manifest beside it. */
    public static OpenTemplate generate(TemplateKind kind, long seed, Path out) throws IOException {
        OpenTemplate t = generate(kind, seed);
        write(t, out);
        return t;
    }

    /** Writes an open template (npz + JSON manifest). */
    public static void write(OpenTemplate t, Path out) throws IOException {
        MetroTemplateFile.write(out, t.template(), t.rig(), true);
    }

    /** Reads an open template written by {@link #write}. */
    public static OpenTemplate read(Path file) throws IOException {
        MetroTemplate template = MetroTemplateFile.read(file);
        TemplateRig rig = MetroTemplateFile.readRig(file);
        if (rig == null) {
            throw new io.metroscope.format.FormatException(file, "it has no rig (skinning, skeleton) entries",
                    "choose a template written by 'metroscope template generate'");
        }
        return new OpenTemplate(template, rig);
    }

    /** {@code templates/<kind>.npz} in the working folder or in a folder above the program's jar, or null. */
    public static Path findDefault(TemplateKind kind) {
        String name = kind.id() + ".npz";
        Path here = Path.of("templates", name);
        if (Files.isRegularFile(here)) {
            return here;
        }
        try {
            Path jar = Path.of(OpenTemplates.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                Path p = dir.resolve("templates").resolve(name);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        } catch (Exception e) {
            // No code source (an unusual class loader): the caller falls back to the built-in template.
        }
        return null;
    }

    /**
     * The npz bytes of the built-in template of {@code kind} ({@link #DEFAULT_SEED}: the committed arrays), as the
     * program carries them; generated afresh (seconds) only where the program was built without them.
     */
    public static byte[] builtInBytes(TemplateKind kind) throws IOException {
        try (InputStream in = OpenTemplates.class.getResourceAsStream(RESOURCE_ROOT + kind.id() + ".npz")) {
            if (in != null) {
                return in.readAllBytes();
            }
        }
        Path tmp = Files.createTempFile("metroscope-template-", ".npz");
        try {
            generate(kind, DEFAULT_SEED, tmp);
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(MetroTemplateFile.manifestPath(tmp));
        }
    }

    /**
     * A file holding the open template of {@code kind}, for code that needs a path: {@link #findDefault}, else the
     * built-in one written into {@code cacheDir} (rewritten whenever its bytes differ from the program's).
     */
    public static Path defaultFile(TemplateKind kind, Path cacheDir) throws IOException {
        Path found = findDefault(kind);
        return found != null ? found : unpackBuiltIn(kind, cacheDir);
    }

    /** Writes the built-in template of {@code kind} to {@code cacheDir/<kind>.npz} unless it is there already. */
    static Path unpackBuiltIn(TemplateKind kind, Path cacheDir) throws IOException {
        byte[] bytes = builtInBytes(kind);
        Path file = cacheDir.resolve(kind.id() + ".npz");
        if (Files.isRegularFile(file) && Files.size(file) == bytes.length
                && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return file;
        }
        Files.createDirectories(cacheDir);
        AtomicFiles.write(file, out -> out.write(bytes));
        return file;
    }

    /** Writes the committed templates: {@code dir/body.npz|json}, {@code dir/hand.npz|json}. Used to refresh them. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "templates");
        for (TemplateKind kind : TemplateKind.values()) {
            long t0 = System.nanoTime();
            generate(kind, DEFAULT_SEED, dir.resolve(kind.id() + ".npz"));
            System.out.println(kind.id() + ": " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }
}
