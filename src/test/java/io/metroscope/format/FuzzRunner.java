package io.metroscope.format;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one {@code @FuzzTest} method (e.g. {@code io.metroscope.format.NpyFuzzTest#read(byte[])}) through the
 * JUnit launcher, without Maven's start-up cost per target. Used by {@code .ci/fuzz} with {@code JAZZER_FUZZ=1};
 * exits 1 when the test fails (a finding) or nothing ran, 0 otherwise.
 */
public final class FuzzRunner {
    private FuzzRunner() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: FuzzRunner fully.qualified.Class#method(byte[])");
            System.exit(2);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(args[0])).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 40);
        summary.printTo(out);
        boolean ok = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
        System.exit(ok ? 0 : 1);
    }
}
