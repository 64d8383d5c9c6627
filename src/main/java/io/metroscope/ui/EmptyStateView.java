package io.metroscope.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A workspace's placeholder: what it will hold until its capability lands. */
final class EmptyStateView extends VBox {

    EmptyStateView(Workspace workspace) {
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
    }
}
