package io.microai.shared.metrics;

import com.codahale.metrics.Gauge;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.function.DoubleSupplier;

/** A gauge whose value is read from the application at scrape time (cache size, pool usage). */
final class CallbackGauge implements Gauge<Double>, Labelled {
    private final MetricFamily<?> family;
    private final DoubleSupplier supplier;

    CallbackGauge(MetricFamily<?> family, DoubleSupplier supplier) {
        this.family = family;
        this.supplier = supplier;
    }

    /** May throw: the collector guards each call so one broken callback cannot fail a scrape. */
    @Override
    public Double getValue() {
        return supplier.getAsDouble();
    }

    @Override
    public MetricFamily<?> family() {
        return family;
    }

    @Override
    public Labels labels() {
        return Labels.EMPTY;
    }
}
