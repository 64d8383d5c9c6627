package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import com.sun.jna.Platform;
import io.metroscope.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NnpackSwitchTest {

    private static final String WARNING = "Could not initialize NNPACK";

    @Test
    void findsAMappedLibraryByFileName(@TempDir Path dir) throws IOException {
        Path maps = dir.resolve("maps");
        Files.writeString(maps, String.join("\n",
                "7f00-7f10 r--p 00000000 00:00 0 ",
                "7f10-7f20 r-xp 00000000 fd:01 123  /opt/lib/libtorch.so",
                "7f20-7f30 r-xp 00010000 fd:01 124  /home/a b/.djl.ai/pytorch/2.7.1/libtorch_cpu.so",
                "7f30-7f40 rw-p 00000000 00:00 0    [heap]"));
        assertThat(NnpackSwitch.loadedLibrary(maps, "libtorch_cpu.so"))
                .contains(Path.of("/home/a b/.djl.ai/pytorch/2.7.1/libtorch_cpu.so"));
        assertThat(NnpackSwitch.loadedLibrary(maps, "libc10.so")).isEmpty();
        assertThat(NnpackSwitch.loadedLibrary(dir.resolve("absent"), "libtorch_cpu.so")).isEmpty();
    }

    /** Whatever the switch decided here, libtorch's convolutions are still right after it. */
    @Test
    void convolutionsStayRightAfterTheSwitch() {
        assumeTrue(Platform.isLinux(), "reads /proc/self/maps: Linux only");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            assertThat(NnpackSwitch.offWhereUnsupported()).isNotEqualTo(NnpackSwitch.Outcome.NOT_APPLICABLE);
        }
        for (ConvolutionProbe.Result r : ConvolutionProbe.run()) {
            assertThat(r.wrong()).as(r.shape() + ": max error " + r.maxError()).isFalse();
        }
    }

    /**
     * A fresh process runs one of the demo backbone's convolutions without the switch, another with it. Where NNPACK
     * cannot run, libtorch warns without it (so this test would notice the switch doing nothing) and stays quiet with
     * it.
     */
    @Test
    void libtorchNoLongerWarnsAboutNnpack() throws Exception {
        assumeTrue(Platform.isLinux(), "reads /proc/self/maps: Linux only");
        String plain = child("plain");
        String switched = child("switch");
        assertThat(switched).doesNotContain(WARNING).contains("centre 864.0");
        if (switched.contains("outcome " + NnpackSwitch.Outcome.TURNED_OFF)) {
            assertThat(plain).contains(WARNING);
        } else {
            assertThat(switched).contains("outcome " + NnpackSwitch.Outcome.AVAILABLE);
        }
    }

    private static String child(String mode) throws IOException, InterruptedException {
        Process p = ChildJvm.start(Child.class, mode);
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    /**
     * The child: libtorch loaded, the switch applied or not, then a convolution of the demo backbone's third stage
     * (96 channels at 14×14, batch 1): too small for oneDNN, so libtorch asks NNPACK.
     */
    public static final class Child {
        public static void main(String[] args) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                if ("switch".equals(args[0])) {
                    System.out.println("outcome " + NnpackSwitch.offWhereUnsupported());
                }
                NDArray y = Conv2d.conv2d(manager.ones(new Shape(1, 96, 14, 14)),
                        manager.ones(new Shape(96, 96, 3, 3)), manager.zeros(new Shape(96)), new Shape(1, 1),
                        new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                System.out.println("centre " + y.getFloat(0, 0, 7, 7));
            }
        }
    }
}
