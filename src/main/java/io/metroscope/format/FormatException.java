package io.metroscope.format;

import java.io.IOException;
import java.nio.file.Path;

/** A file could not be read or written: names the file, what is wrong, and how to fix it. */
public class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String fix;

    public FormatException(Path file, String problem, String fix) {
        this(file, problem, fix, null);
    }

    public FormatException(Path file, String problem, String fix, Throwable cause) {
        super(compose(file, problem, fix), cause);
        this.file = file;
        this.fix = fix;
    }

    /** The file at fault, or null when the data came from a stream without a name. */
    public Path file() {
        return file;
    }

    /** What the user can do about it. */
    public String fix() {
        return fix;
    }

    private static String compose(Path file, String problem, String fix) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<stream>" : file.toString()).append(": ").append(problem);
        if (fix != null && !fix.isBlank()) {
            sb.append(". Fix: ").append(fix);
        }
        return sb.toString();
    }
}
