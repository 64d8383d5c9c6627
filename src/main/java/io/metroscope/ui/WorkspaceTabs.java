package io.metroscope.ui;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** The tab pane holding the four workspaces. */
final class WorkspaceTabs extends TabPane {

    private final Map<Workspace, Tab> tabs = new EnumMap<>(Workspace.class);
    private final ObservableList<Path> reconstructInputs = FXCollections.observableArrayList();

    WorkspaceTabs() {
        setId("workspaces");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        for (Workspace w : Workspace.values()) {
            Tab tab = new Tab(w.title(), new EmptyStateView(w, w == Workspace.RECONSTRUCT ? reconstructInputs : null));
            tab.setId("tab-" + w.name().toLowerCase(java.util.Locale.ROOT));
            tabs.put(w, tab);
            getTabs().add(tab);
        }
    }

    /** Brings a workspace to the front. */
    void select(Workspace w) {
        getSelectionModel().select(tabs.get(w));
    }

    /** The workspace in front. */
    Workspace selected() {
        Tab t = getSelectionModel().getSelectedItem();
        return tabs.entrySet().stream().filter(e -> e.getValue() == t).map(Map.Entry::getKey).findFirst()
                .orElse(Workspace.RECONSTRUCT);
    }

    /** Inputs handed to Reconstruct, in the order they came. */
    ObservableList<Path> reconstructInputs() {
        return reconstructInputs;
    }
}
