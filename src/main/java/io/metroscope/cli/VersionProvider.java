package io.metroscope.cli;

import io.metroscope.app.AppServices;
import io.metroscope.platform.AppDirs;
import io.metroscope.platform.DeviceSpec;
import picocli.CommandLine.IVersionProvider;

/** Prints Metroscope's and its libraries' versions and the compute device for {@code --version}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        try (AppServices services = new AppServices(AppDirs.current())) {
            return services.versions(DeviceSpec.AUTO).toText().split("\n");
        }
    }
}
