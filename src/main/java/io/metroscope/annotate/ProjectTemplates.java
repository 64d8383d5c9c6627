package io.metroscope.annotate;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The open template a project keeps inside itself: finding the default file, reading it from bytes, hashing. */
public final class ProjectTemplates {

    private ProjectTemplates() {
    }

    /**
     * The bytes of the open template of {@code kind}: {@code templates/<kind>.npz} in the working folder or beside
     * the program, else the built-in one generated with seed 0 (the same arrays).
     */
    public static byte[] defaultBytes(TemplateKind kind) throws IOException {
        Path file = OpenTemplates.findDefault(kind);
        return file != null ? Files.readAllBytes(file) : OpenTemplates.builtInBytes(kind);
    }

    /** Reads an open template (with its rig) from the bytes of its npz file; {@code name} is used in messages. */
    public static OpenTemplate read(byte[] bytes, Path name) throws IOException {
        Path tmp = Files.createTempFile("metroscope-project-template-", ".npz");
        try {
            Files.write(tmp, bytes);
            return OpenTemplates.read(tmp);
        } catch (FormatException e) {
            throw new FormatException(name, "its template is not usable (" + e.getMessage() + ")",
                    "choose an open template written by 'metroscope template generate'", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Lower-case hex SHA-256. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex SHA-256 of a file, streamed. */
    public static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
