package io.metroscope.ui;

import io.metroscope.vision.WebcamSource;
import io.metroscope.vision.WebcamSource.Resolution;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * Chooses a camera ({@code /dev/videoN}) and the frame size to ask it for. The driver may grant another size:
 * the live bar shows the size the frames really have.
 */
final class WebcamDialog extends Dialog<WebcamSource.Settings> {

    private final ComboBox<String> device = new ComboBox<>();
    private final ComboBox<Resolution> resolution = new ComboBox<>();
    private final CheckBox mjpeg = new CheckBox("Ask for MJPEG (USB cameras give larger sizes and rates that way)");

    /** {@code devices}: the N of each {@code /dev/videoN} present (at least one). */
    WebcamDialog(List<Integer> devices) {
        setTitle("Open Webcam");
        setHeaderText(null);
        getDialogPane().setId("webcam-dialog");
        device.setId("webcam-device");
        resolution.setId("webcam-resolution");
        mjpeg.setId("webcam-mjpeg");
        device.getItems().setAll(devices.stream().map(n -> "/dev/video" + n).toList());
        device.getSelectionModel().selectFirst();
        resolution.getItems().setAll(Resolution.COMMON);
        resolution.setValue(new Resolution(640, 480));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Camera:"), device);
        grid.addRow(1, new Label("Resolution:"), resolution);
        grid.add(mjpeg, 0, 2, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(button -> button == ButtonType.OK ? settings() : null);
    }

    /** The settings the current choices give. */
    WebcamSource.Settings settings() {
        Resolution r = resolution.getValue() == null ? Resolution.DEFAULT : resolution.getValue();
        return WebcamSource.Settings.device(WebcamSource.deviceNumber(device.getValue()))
                .withResolution(r.width(), r.height()).withMjpeg(mjpeg.isSelected());
    }

    /** Chooses a device and resolution (for callers that fill the dialog programmatically). */
    void choose(String devicePath, Resolution size, boolean askMjpeg) {
        device.setValue(devicePath);
        resolution.setValue(size);
        mjpeg.setSelected(askMjpeg);
    }
}
