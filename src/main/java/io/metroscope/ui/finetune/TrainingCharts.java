package io.metroscope.ui.finetune;

import io.metroscope.train.EvalSummary;
import io.metroscope.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The live charts: every loss term per step on a log scale (total, 3D joints, vertices, 2D joints) and the
 * validation metrics per epoch (PA-MPJPE, MPJPE, MPVE in mm). Points go into bounded {@link DecimatedSeries};
 * the charts are redrawn only by {@link #refresh}, which the workspace calls at a fixed low rate.
 */
final class TrainingCharts extends VBox {

    /** Points kept per loss series, whatever the run's length. */
    static final int MAX_POINTS = 400;

    private static final String[] LOSS_NAMES = {"total", "3D joints", "vertices", "2D joints"};
    private static final String[] METRIC_NAMES = {"PA-MPJPE", "MPJPE", "MPVE"};

    private final LineChart<Number, Number> losses;
    private final LineChart<Number, Number> metrics;
    private final List<DecimatedSeries> lossData = new ArrayList<>();
    private final List<DecimatedSeries> metricData = new ArrayList<>();
    private boolean dirty;

    TrainingCharts() {
        NumberAxis steps = new NumberAxis();
        steps.setLabel("step");
        steps.setForceZeroInRange(false);
        NumberAxis logLoss = new NumberAxis();
        logLoss.setLabel("loss (log scale)");
        logLoss.setForceZeroInRange(false);
        logLoss.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number exponent) {
                double v = Math.pow(10, exponent.doubleValue());
                // Two significant digits: 316.2 → 320, 0.3162 → 0.32.
                return v >= 1e4 || v < 1e-3 ? String.format(Locale.ROOT, "%.0e", v)
                        : new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros()
                                .toPlainString();
            }

            @Override
            public Number fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        });
        losses = chart(steps, logLoss, "Training loss per step", LOSS_NAMES, lossData, MAX_POINTS);
        losses.setId("finetune-loss-chart");
        losses.setCreateSymbols(false);
        NumberAxis epochs = new NumberAxis();
        epochs.setLabel("epoch");
        epochs.setForceZeroInRange(false);
        // Whole epochs only: the range is set on refresh instead of auto-ranged to fractions.
        epochs.setAutoRanging(false);
        epochs.setLowerBound(0.5);
        epochs.setUpperBound(1.5);
        epochs.setTickUnit(1);
        epochs.setMinorTickVisible(false);
        epochs.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? String.valueOf((long) v) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
        NumberAxis mm = new NumberAxis();
        mm.setLabel("mm");
        metrics = chart(epochs, mm, "Validation per epoch", METRIC_NAMES, metricData, 200);
        metrics.setId("finetune-metric-chart");
        setSpacing(4);
        VBox.setVgrow(losses, Priority.ALWAYS);
        VBox.setVgrow(metrics, Priority.ALWAYS);
        getChildren().addAll(losses, metrics);
    }

    private static LineChart<Number, Number> chart(NumberAxis x, NumberAxis y, String title, String[] names,
            List<DecimatedSeries> data, int capacity) {
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setHorizontalZeroLineVisible(false);
        c.setVerticalZeroLineVisible(false);
        c.setMinHeight(160);
        for (String name : names) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name);
            c.getData().add(s);
            data.add(new DecimatedSeries(capacity));
        }
        return c;
    }

    /** Records a progress report; nothing is drawn until {@link #refresh}. */
    void add(Trainer.Progress p) {
        if (p.batch() >= 0) {
            double[] terms = {p.loss(), p.joints3d(), p.vertices(), p.joints2d()};
            for (int i = 0; i < terms.length; i++) {
                // A zero term (e.g. no 2D labels) has no logarithm: it is left out rather than drawn at −∞.
                if (terms[i] > 0) {
                    lossData.get(i).add(p.steps(), Math.log10(terms[i]));
                }
            }
            dirty = true;
        } else if (p.validation() != null) {
            EvalSummary v = p.validation();
            double[] values = {v.paMpjpe(), v.mpjpe(), v.mpve()};
            for (int i = 0; i < values.length; i++) {
                metricData.get(i).add(p.epoch() + 1, values[i]);
            }
            dirty = true;
        }
    }

    /** Redraws the series that changed since the last call. */
    void refresh() {
        if (!dirty) {
            return;
        }
        dirty = false;
        copy(losses, lossData);
        copy(metrics, metricData);
        double last = 1;
        for (DecimatedSeries d : metricData) {
            for (int k = 0; k < d.size(); k++) {
                last = Math.max(last, d.x(k));
            }
        }
        NumberAxis epochs = (NumberAxis) metrics.getXAxis();
        epochs.setUpperBound(last + 0.5);
        epochs.setTickUnit(Math.max(1, Math.ceil(last / 10)));
    }

    private static void copy(LineChart<Number, Number> chart, List<DecimatedSeries> data) {
        for (int i = 0; i < data.size(); i++) {
            DecimatedSeries d = data.get(i);
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(d.size());
            for (int k = 0; k < d.size(); k++) {
                points.add(new XYChart.Data<>(d.x(k), d.y(k)));
            }
            chart.getData().get(i).getData().setAll(points);
        }
    }

    void clear() {
        lossData.forEach(DecimatedSeries::clear);
        metricData.forEach(DecimatedSeries::clear);
        dirty = true;
        refresh();
    }

    /** Points drawn in the loss chart's series {@code i} (0 total, 1 3D joints, 2 vertices, 3 2D joints). */
    int lossPointsShown(int i) {
        return losses.getData().get(i).getData().size();
    }

    /** Points drawn in the metric chart's series {@code i} (0 PA-MPJPE, 1 MPJPE, 2 MPVE). */
    int metricPointsShown(int i) {
        return metrics.getData().get(i).getData().size();
    }

    /** Raw loss points received so far by series {@code i}. */
    long lossPointsReceived(int i) {
        return lossData.get(i).added();
    }
}
