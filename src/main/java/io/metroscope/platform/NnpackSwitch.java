package io.metroscope.platform;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns libtorch's NNPACK convolutions off where NNPACK cannot run on the CPU. libtorch asks NNPACK whether it is
 * available before many CPU convolutions and, where it is not ("Unsupported hardware", e.g. on an AMD EPYC VM),
 * prints a warning to stderr every time: hundreds of lines for a folder, none of which helps the user. With NNPACK
 * turned off in libtorch's global context the question is never asked; convolutions run where they ran before
 * (oneDNN, or libtorch's own kernels), since NNPACK was never usable there. Where NNPACK works, nothing changes.
 */
public final class NnpackSwitch {

    /** What was done, once per process. */
    public enum Outcome {
        /** NNPACK initialises: left as it is. */
        AVAILABLE,
        /** NNPACK cannot initialise on this CPU: turned off in libtorch. */
        TURNED_OFF,
        /** Not Linux, libtorch not loaded in this process, or a libtorch without these symbols: nothing done. */
        NOT_APPLICABLE
    }

    private static final Logger LOG = LoggerFactory.getLogger(NnpackSwitch.class);

    /** Decided on first use, once per process: the class loader's lazy initialisation is the lock. */
    private static final class Decision {
        static final Outcome OUTCOME = decide();
    }

    /** NNPACK's nnp_status_success. */
    private static final int SUCCESS = 0;

    private NnpackSwitch() {
    }

    /**
     * Once per process, after libtorch has loaded (e.g. after the first PyTorch NDManager) and before the first
     * convolution: turns NNPACK off where it cannot initialise. Never throws.
     */
    public static Outcome offWhereUnsupported() {
        return Decision.OUTCOME;
    }

    private static Outcome decide() {
        if (!Platform.isLinux()) {
            return Outcome.NOT_APPLICABLE;
        }
        Optional<Path> library = loadedLibrary(Path.of("/proc/self/maps"), "libtorch_cpu.so");
        if (library.isEmpty()) {
            return Outcome.NOT_APPLICABLE;
        }
        try {
            NativeLibrary torch = NativeLibrary.getInstance(library.get().toString());
            int status = torch.getFunction("nnp_initialize").invokeInt(new Object[0]);
            if (status == SUCCESS) {
                return Outcome.AVAILABLE;
            }
            // at::globalContext().setUserEnabledNNPACK(false): a non-virtual member, so `this` is the first argument.
            Pointer context = torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
            Function disable = torch.getFunction("_ZN2at7Context20setUserEnabledNNPACKEb");
            disable.invokeVoid(new Object[] {context, Boolean.FALSE});
            LOG.info("NNPACK cannot run on this CPU (status {}): turned off in libtorch, which would otherwise print "
                    + "\"Could not initialize NNPACK\" for every convolution; its other kernels run as before", status);
            return Outcome.TURNED_OFF;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.debug("NNPACK left as it is: {}", e.toString());
            return Outcome.NOT_APPLICABLE;
        }
    }

    /** The path of the mapped library whose file name is {@code name}, from a /proc/PID/maps file. */
    static Optional<Path> loadedLibrary(Path maps, String name) {
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/')).trim())
                    .filter(p -> !p.isEmpty())
                    .map(Path::of)
                    .filter(p -> p.getFileName() != null && p.getFileName().toString().equals(name))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
