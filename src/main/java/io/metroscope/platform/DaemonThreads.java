package io.metroscope.platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.apache.commons.lang3.concurrent.BasicThreadFactory;

/** Named daemon threads for the background workers, so that none of them keeps the JVM alive at exit. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /**
     * A factory of daemon threads named by {@code pattern}; a {@code %d} in it is replaced by 1, 2, ... so that a
     * pool's threads can be told apart in a thread dump.
     */
    public static ThreadFactory factory(String pattern) {
        return BasicThreadFactory.builder().namingPattern(pattern).daemon(true).build();
    }

    /** One daemon thread named {@code name} that runs {@code task}, not yet started. */
    public static Thread thread(String name, Runnable task) {
        return factory(name).newThread(task);
    }

    /** A single-thread executor on one daemon thread named {@code name}. */
    public static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(factory(name));
    }
}
