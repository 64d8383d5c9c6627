package io.metroscope.ui;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The tab pane holding the four workspaces. */
final class WorkspaceTabs extends TabPane {

    private final Map<Workspace, Tab> tabs = new EnumMap<>(Workspace.class);

    WorkspaceTabs() {
        setId("workspaces");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        for (Workspace w : Workspace.values()) {
            Tab tab = new Tab(w.title(), new EmptyStateView(w));
            tab.setId("tab-" + w.name().toLowerCase(java.util.Locale.ROOT));
            tabs.put(w, tab);
            getTabs().add(tab);
        }
    }

    /** Brings a workspace to the front. */
    void select(Workspace w) {
        getSelectionModel().select(tabs.get(w));
    }

    /** Calls {@code onChange} with whether {@code w} is the front tab, now and whenever that changes. */
    void watchFront(Workspace w, java.util.function.Consumer<Boolean> onChange) {
        onChange.accept(getSelectionModel().getSelectedItem() == tabs.get(w));
        getSelectionModel().selectedItemProperty().addListener((o, a, t) -> onChange.accept(t == tabs.get(w)));
    }

    /** Replaces a workspace's empty state with the workspace itself. */
    void setContent(Workspace w, javafx.scene.Node content) {
        tabs.get(w).setContent(content);
    }
}
