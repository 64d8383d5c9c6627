package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Debian's own {@code ffmpeg} program for tests (CI installs it); a test skips with a message without it. */
public final class DebianFfmpeg {

    private static final Path EXE = Path.of("/usr/bin/ffmpeg");

    private DebianFfmpeg() {
    }

    /** An H.264 (libx264, yuv420p) MP4 of ffmpeg's moving test pattern, as users' phone or camera clips are. */
    public static Path h264TestPattern(Path mp4, int width, int height, int frames) throws Exception {
        run("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=24", "-frames:v",
                String.valueOf(frames), "-c:v", "libx264", "-pix_fmt", "yuv420p", mp4.toString());
        return mp4;
    }

    /** Runs ffmpeg quietly with {@code args}; fails the test on a non-zero exit. */
    public static void run(String... args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(EXE),
                "Debian's ffmpeg is not installed (apt-get install ffmpeg; .ci/run installs it)");
        List<String> cmd = new ArrayList<>(List.of(EXE.toString(), "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("ffmpeg " + String.join(" ", args) + ": " + out).isZero();
    }
}
