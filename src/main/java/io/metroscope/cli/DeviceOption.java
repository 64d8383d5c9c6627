package io.metroscope.cli;

import io.metroscope.platform.DeviceSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The {@code --device} option every command shares. */
public final class DeviceOption {

    @Option(names = "--device", paramLabel = "auto|cpu|gpu[:N]", defaultValue = "auto",
            converter = DeviceOption.Converter.class,
            description = "Compute device: auto (a GPU when present, else the CPU), cpu, or gpu[:N]. Default: ${DEFAULT-VALUE}.")
    DeviceSpec device = DeviceSpec.AUTO;

    /** The requested device. */
    public DeviceSpec spec() {
        return device;
    }

    /** Parses device requests for picocli. */
    public static final class Converter implements ITypeConverter<DeviceSpec> {
        @Override
        public DeviceSpec convert(String value) {
            return DeviceSpec.parse(value);
        }
    }
}
