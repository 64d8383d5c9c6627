package io.metroscope.ui;

import java.nio.file.Path;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** A workspace's placeholder: what it will hold, and the inputs already waiting for it. */
final class EmptyStateView extends VBox {

    EmptyStateView(Workspace workspace, ObservableList<Path> waiting) {
        getStyleClass().add("empty-state");
        setId("empty-" + workspace.name().toLowerCase(java.util.Locale.ROOT));
        setAlignment(Pos.CENTER);
        setSpacing(12);
        Label title = new Label(workspace.title());
        title.getStyleClass().add("empty-state-title");
        Label text = new Label(workspace.emptyState());
        text.getStyleClass().add("empty-state-text");
        text.setWrapText(true);
        text.setMaxWidth(560);
        getChildren().addAll(title, text);
        if (waiting != null) {
            Label header = new Label();
            header.getStyleClass().add("empty-state-text");
            ListView<Path> list = new ListView<>(waiting);
            list.setId("waiting-inputs");
            list.setMaxWidth(560);
            list.setPrefHeight(160);
            Runnable refresh = () -> {
                boolean any = !waiting.isEmpty();
                header.setText(waiting.size() + " input(s) waiting for a model:");
                header.setVisible(any);
                header.setManaged(any);
                list.setVisible(any);
                list.setManaged(any);
            };
            waiting.addListener((ListChangeListener<Path>) c -> refresh.run());
            refresh.run();
            getChildren().addAll(header, list);
        }
    }
}
