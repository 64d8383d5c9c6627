package io.metroscope.ui.reconstruct;

import io.metroscope.format.AtomicFiles;
import io.metroscope.recon.Reconstruction;
import io.metroscope.vision.CropTransform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * One row per input of a folder run: file, status, the person box the model saw, time, camera scale and the
 * error message; sortable by any column. Rows follow their inputs live as results arrive.
 */
final class ResultsTable extends TableView<InputEntry> {

    ResultsTable(ObservableList<InputEntry> inputs) {
        setId("results-table");
        SortedList<InputEntry> sorted = new SortedList<>(inputs);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setPlaceholder(new Label("Open a folder and press Reconstruct: each image's result is listed here."));
        getColumns().setAll(List.of(
                column("File", 180, e -> Bindings.createStringBinding(() -> e.file().getFileName().toString())),
                column("Status", 80, e -> Bindings.createObjectBinding(() -> e.statusProperty().get(),
                        e.statusProperty())),
                column("Person box (x, y, w, h px)", 170, e -> Bindings.createStringBinding(
                        () -> box(e.resultProperty().get()), e.resultProperty())),
                column("Time (ms)", 80, e -> Bindings.createObjectBinding(() -> millis(e.resultProperty().get()),
                        e.resultProperty())),
                column("Camera scale", 100, e -> Bindings.createObjectBinding(() -> scale(e.resultProperty().get()),
                        e.resultProperty())),
                column("Error", 320, e -> Bindings.createStringBinding(() -> e.statusProperty().get()
                        == InputStatus.FAILED ? e.messageProperty().get() : "", e.statusProperty(),
                        e.messageProperty()))));
        getColumns().get(0).setId("results-file");
        getColumns().get(3).setId("results-time");
    }

    private static <T> TableColumn<InputEntry, T> column(String title, double width,
            Function<InputEntry, ObservableValue<T>> value) {
        TableColumn<InputEntry, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> value.apply(cell.getValue()));
        return c;
    }

    /** The square crop the network saw, in image pixels, as "x, y, w, h"; empty without a result. */
    static String box(Reconstruction r) {
        if (r == null) {
            return "";
        }
        CropTransform c = r.crop();
        double[] a = c.toImage(0, 0);
        double[] b = c.toImage(c.cropWidth(), c.cropHeight());
        return String.format(Locale.ROOT, "%.0f, %.0f, %.0f, %.0f", a[0], a[1], b[0] - a[0], b[1] - a[1]);
    }

    /** Forward (its share of the batch) plus post-processing, rounded to 0.1 ms; null without a result. */
    static Double millis(Reconstruction r) {
        return r == null ? null
                : Math.round((r.timings().forwardMillisPerImage() + r.timings().postProcessMillis()) * 10) / 10.0;
    }

    /** The weak-perspective camera's scale s; null without a result. */
    static Double scale(Reconstruction r) {
        return r == null ? null : (double) r.camera()[0];
    }

    /** Writes the rows in the order shown: file, status, box x/y/w/h, time, scale, error (quoted when needed). */
    void exportCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("file,status,box_x,box_y,box_w,box_h,time_ms,camera_scale,error\n");
        for (InputEntry e : getItems()) {
            Reconstruction r = e.resultProperty().get();
            String box = box(r);
            csv.append(quote(e.file().toString())).append(',').append(e.statusProperty().get()).append(',')
                    .append(box.isEmpty() ? ",,," : box.replace(", ", ",")).append(',')
                    .append(r == null ? "" : millis(r)).append(',').append(r == null ? "" : scale(r)).append(',')
                    .append(quote(e.statusProperty().get() == InputStatus.FAILED ? e.messageProperty().get() : ""))
                    .append('\n');
        }
        AtomicFiles.write(file, out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 4180 quoting for a field with a comma, quote or line break. */
    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
