package io.metroscope.annotate;

import java.nio.file.Path;

/** Child process of {@link ProjectStorageTest}: opens a project; exit 0 when it could, 3 (and the message) when not. */
public final class OpenProjectMain {

    private OpenProjectMain() {
    }

    public static void main(String[] args) {
        try (AnnotationProject p = AnnotationProject.open(Path.of(args[0]))) {
            System.out.println("opened " + p);
            System.exit(0);
        } catch (Exception e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
