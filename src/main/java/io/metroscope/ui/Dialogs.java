package io.metroscope.ui;

import io.metroscope.app.VersionReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The application's standard dialogs: errors, information, keyboard shortcuts and About. */
final class Dialogs {

    private Dialogs() {
    }

    /** An error with its message up front and the stack trace folded away; never blocks the caller. */
    static Alert error(Window owner, String header, Throwable error, Path logFile) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("Metroscope — error");
        alert.setHeaderText(header);
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        alert.setContentText(message + "\n\nDetails are in the log: " + logFile);
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        TextArea details = new TextArea(trace.toString());
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        alert.getDialogPane().setId("error-dialog");
        alert.show();
        return alert;
    }

    /** A short information message. */
    static Alert info(Window owner, String header, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle("Metroscope");
        alert.setHeaderText(header);
        alert.getDialogPane().setId("info-dialog");
        alert.show();
        return alert;
    }

    /** Every menu item that has a shortcut, with its keys. */
    static Alert shortcuts(Window owner, List<MenuItem> items) {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(4);
        int row = 0;
        for (MenuItem it : items) {
            Label keys = new Label(it.getAccelerator().getDisplayText());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(row++, new Label(it.getText()), keys);
        }
        Alert alert = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Keyboard Shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(grid);
        alert.getDialogPane().setId("shortcuts-dialog");
        alert.show();
        return alert;
    }

    /** The versions, filled in when the engine has reported them. */
    static Alert about(Window owner, CompletableFuture<VersionReport> versions) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        grid.setId("about-versions");
        grid.addRow(0, new Label("Collecting versions…"));
        Alert alert = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("About Metroscope");
        alert.setHeaderText("Metroscope — 3D human and hand mesh reconstruction with METRO");
        alert.getDialogPane().setContent(grid);
        alert.getDialogPane().setId("about-dialog");
        versions.whenComplete((report, error) -> Platform.runLater(() -> {
            grid.getChildren().clear();
            if (error != null) {
                grid.addRow(0, new Label("Versions unavailable: " + error.getMessage()));
                return;
            }
            int row = 0;
            for (var e : report.asMap().entrySet()) {
                Label value = new Label(e.getValue());
                value.setId("about-" + e.getKey().toLowerCase(java.util.Locale.ROOT));
                grid.addRow(row++, new Label(e.getKey()), value);
            }
        }));
        alert.show();
        return alert;
    }
}
