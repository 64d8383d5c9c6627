package io.metroscope.ui.finetune;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * A text field for one recipe value: parsed on every edit; a bad value is outlined, its reason shown as a tooltip
 * and offered through {@link #errorProperty} (empty when the value is fine).
 */
final class ValidatedField<T> extends TextField {

    private final String label;
    private final Function<String, T> parser;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private T value;

    /** {@code parser} throws {@link IllegalArgumentException} with the reason for a bad text. */
    ValidatedField(String label, String id, Function<String, T> parser) {
        this.label = label;
        this.parser = parser;
        setId(id);
        setPrefColumnCount(8);
        textProperty().addListener((o, a, b) -> validate());
        validate();
    }

    private void validate() {
        try {
            value = parser.apply(getText().trim());
            error.set("");
            getStyleClass().remove("field-invalid");
            setTooltip(null);
        } catch (IllegalArgumentException e) {
            value = null;
            error.set(label + ": " + e.getMessage());
            if (!getStyleClass().contains("field-invalid")) {
                getStyleClass().add("field-invalid");
            }
            setTooltip(new Tooltip(e.getMessage()));
        }
    }

    /** The parsed value; null while the text is invalid. */
    T value() {
        return value;
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A whole number in [min, max]. */
    static Function<String, Integer> integer(int min, int max) {
        return s -> {
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("enter a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be " + range(min, max));
            }
            return v;
        };
    }

    /** Any whole number (seeds). */
    static Function<String, Long> anyLong() {
        return s -> {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("enter a whole number");
            }
        };
    }

    /** A finite number in [min, max]; {@code exclusiveMin} excludes min itself. */
    static Function<String, Double> number(double min, double max, boolean exclusiveMin) {
        return s -> {
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("enter a number (e.g. 1e-4)");
            }
            if (!Double.isFinite(v) || v < min || v > max || (exclusiveMin && v == min)) {
                throw new IllegalArgumentException("must be " + (exclusiveMin ? "> " + fmt(min) + " and ≤ " + fmt(max)
                        : range(min, max)));
            }
            return v;
        };
    }

    private static String range(double min, double max) {
        return max >= Integer.MAX_VALUE ? "≥ " + fmt(min) : "between " + fmt(min) + " and " + fmt(max);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%g", v);
    }

    /** Shows a value as the user would type it. */
    void show(Object v) {
        setText(v instanceof Double d ? format(d) : String.valueOf(v));
    }

    private static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return String.valueOf((long) d);
        }
        String s = String.valueOf(d);
        return s.replace("E", "e").replace(".0e", "e");
    }
}
