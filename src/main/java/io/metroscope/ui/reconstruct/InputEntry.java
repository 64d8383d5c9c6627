package io.metroscope.ui.reconstruct;

import io.metroscope.recon.Reconstruction;
import io.metroscope.vision.CropBox;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One image in the Reconstruct workspace: its file, status, result or error. */
public final class InputEntry {

    private final Path file;
    private final ObjectProperty<InputStatus> status = new SimpleObjectProperty<>(InputStatus.WAITING);
    private final ObjectProperty<Reconstruction> result = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<CropBox> box = new SimpleObjectProperty<>();

    public InputEntry(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public ObjectProperty<InputStatus> statusProperty() {
        return status;
    }

    public ObjectProperty<Reconstruction> resultProperty() {
        return result;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** The person box the user drew, in image pixels; null uses the workspace's crop mode. */
    public ObjectProperty<CropBox> boxProperty() {
        return box;
    }

    void succeed(Reconstruction r) {
        result.set(r);
        status.set(InputStatus.DONE);
        message.set(String.format("%.0f ms", r.timings().forwardMillisPerImage() + r.timings().postProcessMillis()));
    }

    void fail(String why) {
        status.set(InputStatus.FAILED);
        message.set(why);
    }
}
