package io.metroscope.testing;

import io.metroscope.platform.AppDirs;
import io.metroscope.platform.CpuKernelGuard;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Applies {@link CpuKernelGuard} before the first test class of a JVM, as the application's start-up does: tests
 * that run a network must see the same convolutions as users (registered through extension auto-detection).
 */
public final class CpuKernelGuardExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        // The fuzz runs (.ci/fuzz) put only the file readers on the classpath: no engine, nothing to guard.
        if (getClass().getClassLoader().getResource("ai/djl/engine/Engine.class") != null) {
            CpuKernelGuard.apply(AppDirs.current().cache());
        }
    }
}
