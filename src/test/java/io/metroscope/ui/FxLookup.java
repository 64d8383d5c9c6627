package io.metroscope.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import org.testfx.api.FxRobot;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Scene-graph lookups for tests, run on the FX thread. A lookup walks every {@code Parent}'s child list; done from
 * the test thread while the application adds or removes nodes (a model finishing loading, results arriving), it
 * can read a list mid-change and fail with an {@code IndexOutOfBoundsException}, as it once did in CI.
 */
public final class FxLookup {

    private FxLookup() {
    }

    /** The first node matching {@code query} (TestFX syntax: {@code #id}, {@code .class}, or a label's text). */
    public static <T extends Node> T query(FxRobot robot, String query, Class<T> type) {
        return onFx(() -> robot.lookup(query).queryAs(type));
    }

    /** The {@code index}-th node matching {@code query}. */
    public static Node nth(FxRobot robot, String query, int index) {
        return onFx(() -> robot.lookup(query).nth(index).query());
    }

    /**
     * The first visible node matching {@code query}, the one {@code robot.clickOn(query)} clicks (which would look it
     * up on the test thread): {@code robot.clickOn(FxLookup.visible(robot, query))}.
     */
    public static Node visible(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).match(NodeQueryUtils.isVisible()).query());
    }

    /** Hides the window that holds the node matching {@code query} (closes a dialog). */
    public static void hideWindowOf(FxRobot robot, String query) {
        onFx(() -> {
            robot.lookup(query).query().getScene().getWindow().hide();
            return null;
        });
    }

    /** Whether any node, in any window, matches {@code query}. */
    public static boolean present(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).tryQuery().isPresent());
    }

    /** The node of {@code scene} matching the CSS {@code selector}, or null. */
    public static <T extends Node> T in(Scene scene, String selector, Class<T> type) {
        return onFx(() -> type.cast(scene.lookup(selector)));
    }

    /** The node under {@code root} matching the CSS {@code selector}, or null. */
    public static <T extends Node> T in(Node root, String selector, Class<T> type) {
        return onFx(() -> type.cast(root.lookup(selector)));
    }

    /**
     * Reads state that the application changes on the FX thread (a label's text, a pane's children) there, e.g. in
     * a {@code waitFor} condition polled while a background job's result is being shown.
     */
    public static <T> T read(Callable<T> read) {
        return onFx(read);
    }

    /**
     * A flag set once {@code value} (changed on the FX thread) turns true from now on: for states too brief for a
     * poll to be sure to see, such as a short clip playing or a short refit running.
     */
    public static AtomicBoolean turnsTrue(ObservableValue<Boolean> value) {
        AtomicBoolean seen = new AtomicBoolean();
        return onFx(() -> {
            value.addListener((o, was, now) -> {
                if (now) {
                    seen.set(true);
                }
            });
            return seen;
        });
    }

    private static <T> T onFx(Callable<T> lookup) {
        try {
            if (Platform.isFxApplicationThread()) {
                return lookup.call();
            }
            return WaitForAsyncUtils.asyncFx(lookup).get();
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException r ? r : new IllegalStateException(failed.getCause());
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a scene lookup", stopped);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
